export { RoomMedia, MAX_VISIBLE_TILES, localChoiceOf, type RoomMediaProps } from './RoomMedia';
export { PreJoin, usePreJoin, type PreJoinControls, type PreJoinResult, type PreJoinState } from './PreJoin';
export { MediaSession, type MediaSessionOptions, type MediaSessionState, type MediaStatus, type RemoteMedia, type RemotePeer } from './media-session';
export {
  describeDeviceProblem,
  describeParticipation,
  deviceProblemOf,
  loadPreferences,
  savePreferences,
  type DeviceKind,
  type DeviceProblem,
  type MediaPreferences,
} from './local-media';
export { SignalingClient, sfuSocketUrl, type SignalingClientOptions } from './signaling-client';
export { RequestCorrelator, SignalingRequestError } from './request-correlator';
export { formatLinkStats, formatVideoStats, inboundVideoSample, videoStatsView, type VideoStatsSample, type VideoStatsView } from './video-stats';
export { isJoinTokenExpired, joinTokenCanPublish, joinTokenExpiresAt, joinTokenSubject } from './join-token-expiry';
