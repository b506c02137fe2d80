import type { types } from 'mediasoup';

/** Where WebRTC transports listen; every transport of every worker uses the same settings. */
export interface RtcTransportConfig {
  /** IP the worker binds to; also announced to clients unless `announcedIp` is set. */
  listenIp: string;
  /** Address put into ICE candidates. Keep it equal to `listenIp` unless behind NAT. */
  announcedIp?: string;
  minPort: number;
  maxPort: number;
  /** Bitrate the send side starts its estimate from. */
  initialAvailableOutgoingBitrate?: number;
}

/** The codecs every room's Router offers (opus, VP8, H264 constrained baseline). */
export const ROUTER_MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 1000 },
  },
];

export function webRtcTransportOptions(config: RtcTransportConfig, appData: types.AppData): types.WebRtcTransportOptions {
  const shared = {
    ip: config.listenIp,
    announcedAddress: config.announcedIp ?? config.listenIp,
    portRange: { min: config.minPort, max: config.maxPort },
  };
  return {
    // Order is preference: UDP first, TCP as the fallback for UDP-hostile networks.
    listenInfos: [
      { protocol: 'udp', ...shared },
      { protocol: 'tcp', ...shared },
    ],
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: config.initialAvailableOutgoingBitrate ?? 1_000_000,
    appData,
  };
}
