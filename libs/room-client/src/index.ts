export { RoomMedia, type RoomMediaProps } from './RoomMedia';
export { MediaSession, describeMediaError, type MediaSessionState, type MediaStatus, type RemotePeerView } from './media-session';
export { SignalingClient, sfuSocketUrl, type SignalingClientOptions } from './signaling-client';
export { RequestCorrelator, SignalingRequestError } from './request-correlator';
export { formatVideoStats, inboundVideoSample, videoStatsView, type VideoStatsSample, type VideoStatsView } from './video-stats';
export { isJoinTokenExpired, joinTokenExpiresAt } from './join-token-expiry';
