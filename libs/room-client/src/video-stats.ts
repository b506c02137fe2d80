/** The numbers a tile shows, from one inbound-rtp video stats entry and the previous one. */
export interface VideoStatsSample {
  timestamp: number;
  framesDecoded: number;
  bytesReceived: number;
  packetsReceived?: number;
  packetsLost?: number;
  frameWidth?: number;
  frameHeight?: number;
  framesPerSecond?: number;
  /** Round-trip time of the connection's active candidate pair, in seconds. */
  roundTripTime?: number;
}

export interface VideoStatsView {
  framesDecoded: number;
  width: number | undefined;
  height: number | undefined;
  fps: number | undefined;
  kbps: number | undefined;
  /** Share of packets lost over the interval, 0-1. */
  loss: number | undefined;
  rttMs: number | undefined;
}

interface StatsEntry {
  id?: string;
  type?: string;
  kind?: string;
  mediaType?: string;
  timestamp?: number;
  framesDecoded?: number;
  bytesReceived?: number;
  packetsReceived?: number;
  packetsLost?: number;
  frameWidth?: number;
  frameHeight?: number;
  framesPerSecond?: number;
  state?: string;
  nominated?: boolean;
  selectedCandidatePairId?: string;
  currentRoundTripTime?: number;
}

/** Picks the inbound video RTP entry (and the active candidate pair's RTT) out of an RTCStatsReport. */
export function inboundVideoSample(entries: Iterable<unknown>): VideoStatsSample | undefined {
  const all = [...entries] as StatsEntry[];
  const inbound = all.find((entry) => entry.type === 'inbound-rtp' && (entry.kind ?? entry.mediaType) === 'video');
  if (!inbound) return undefined;
  const selectedId = all.find((entry) => entry.type === 'transport')?.selectedCandidatePairId;
  const pair =
    all.find((entry) => entry.type === 'candidate-pair' && entry.id !== undefined && entry.id === selectedId) ??
    all.find((entry) => entry.type === 'candidate-pair' && entry.state === 'succeeded' && entry.nominated);
  return {
    timestamp: inbound.timestamp ?? 0,
    framesDecoded: inbound.framesDecoded ?? 0,
    bytesReceived: inbound.bytesReceived ?? 0,
    packetsReceived: inbound.packetsReceived,
    packetsLost: inbound.packetsLost,
    frameWidth: inbound.frameWidth,
    frameHeight: inbound.frameHeight,
    framesPerSecond: inbound.framesPerSecond,
    roundTripTime: pair?.currentRoundTripTime,
  };
}

/** Rates over the interval between two samples; the first sample has none. */
export function videoStatsView(current: VideoStatsSample, previous: VideoStatsSample | undefined): VideoStatsView {
  const seconds = previous ? (current.timestamp - previous.timestamp) / 1000 : 0;
  const measured = previous !== undefined && seconds > 0;
  const fps = current.framesPerSecond ?? (measured ? (current.framesDecoded - previous.framesDecoded) / seconds : undefined);
  let loss: number | undefined;
  if (measured && current.packetsReceived !== undefined && previous.packetsReceived !== undefined) {
    const lost = Math.max(0, (current.packetsLost ?? 0) - (previous.packetsLost ?? 0));
    const received = Math.max(0, current.packetsReceived - previous.packetsReceived);
    loss = lost + received > 0 ? lost / (lost + received) : 0;
  }
  return {
    framesDecoded: current.framesDecoded,
    width: current.frameWidth,
    height: current.frameHeight,
    fps: fps === undefined ? undefined : Math.max(0, fps),
    kbps: measured ? Math.max(0, ((current.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds) : undefined,
    loss,
    rttMs: current.roundTripTime === undefined ? undefined : current.roundTripTime * 1000,
  };
}

/** "1280×720 · 20 fps · 1450 kbit/s", with dashes for what is not known yet. */
export function formatVideoStats(view: VideoStatsView): string {
  const resolution = view.width && view.height ? `${view.width}×${view.height}` : '–';
  const fps = view.fps === undefined ? '– fps' : `${Math.round(view.fps)} fps`;
  const kbps = view.kbps === undefined ? '– kbit/s' : `${Math.round(view.kbps)} kbit/s`;
  return `${resolution} · ${fps} · ${kbps}`;
}

const layerNames = ['low', 'medium', 'high'];

/** The hover details of a tile: loss, round trip and the simulcast layer the SFU forwards. */
export function formatLinkStats(view: VideoStatsView, spatialLayer: number | null | undefined): string {
  const loss = view.loss === undefined ? '– loss' : `${(view.loss * 100).toFixed(1)} % loss`;
  const rtt = view.rttMs === undefined ? '– ms RTT' : `${Math.round(view.rttMs)} ms RTT`;
  const layer =
    spatialLayer === null ? 'paused' : spatialLayer === undefined ? 'single layer' : `layer ${layerNames[spatialLayer] ?? spatialLayer}`;
  return `${loss} · ${rtt} · ${layer}`;
}
