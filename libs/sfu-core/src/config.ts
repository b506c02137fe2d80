import type { types } from 'mediasoup';

/**
 * Where WebRTC media listens. Each worker runs one mediasoup WebRtcServer with one UDP and one
 * TCP socket on the same port: worker i on `basePort + i`. Every transport of that worker shares
 * it (ICE tells them apart by username fragment), so a deployment opens `workers` ports, not a range.
 */
export interface RtcTransportConfig {
  /** IP the workers bind to; also announced to clients unless `announcedIp` is set. */
  listenIp: string;
  /** Address put into ICE candidates (behind NAT: the public one). Keep it equal to `listenIp` otherwise. */
  announcedIp?: string;
  /** UDP and TCP port of worker 0's WebRtcServer; worker i uses basePort + i. */
  basePort: number;
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

/** The port of worker `index`'s WebRtcServer. */
export function rtcPortOf(config: RtcTransportConfig, index: number): number {
  return config.basePort + index;
}

/** One UDP and one TCP listener on the same port, UDP first (order is ICE preference). */
export function webRtcServerOptions(config: RtcTransportConfig, index: number): types.WebRtcServerOptions {
  const shared = { ip: config.listenIp, announcedAddress: config.announcedIp ?? config.listenIp, port: rtcPortOf(config, index) };
  return {
    listenInfos: [
      { protocol: 'udp', ...shared },
      { protocol: 'tcp', ...shared },
    ],
    appData: { index },
  };
}

export function webRtcTransportOptions<A extends types.AppData>(
  webRtcServer: types.WebRtcServer,
  config: Pick<RtcTransportConfig, 'initialAvailableOutgoingBitrate'>,
  appData: A,
): types.WebRtcTransportOptions<A> {
  return {
    webRtcServer,
    enableUdp: true,
    // TCP as the fallback for UDP-hostile networks.
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: config.initialAvailableOutgoingBitrate ?? 1_000_000,
    appData,
  };
}
