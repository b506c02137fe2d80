/** The numbers a tile shows, from one inbound-rtp video stats entry and the previous one. */
export interface VideoStatsSample {
  timestamp: number;
  framesDecoded: number;
  bytesReceived: number;
  frameWidth?: number;
  frameHeight?: number;
  framesPerSecond?: number;
}

export interface VideoStatsView {
  framesDecoded: number;
  width: number | undefined;
  height: number | undefined;
  fps: number | undefined;
  kbps: number | undefined;
}

interface StatsEntry {
  type?: string;
  kind?: string;
  mediaType?: string;
  timestamp?: number;
  framesDecoded?: number;
  bytesReceived?: number;
  frameWidth?: number;
  frameHeight?: number;
  framesPerSecond?: number;
}

/** Picks the inbound video RTP entry out of an RTCStatsReport (or any iterable of entries). */
export function inboundVideoSample(entries: Iterable<unknown>): VideoStatsSample | undefined {
  for (const raw of entries) {
    const entry = raw as StatsEntry;
    if (entry.type !== 'inbound-rtp' || (entry.kind ?? entry.mediaType) !== 'video') continue;
    return {
      timestamp: entry.timestamp ?? 0,
      framesDecoded: entry.framesDecoded ?? 0,
      bytesReceived: entry.bytesReceived ?? 0,
      frameWidth: entry.frameWidth,
      frameHeight: entry.frameHeight,
      framesPerSecond: entry.framesPerSecond,
    };
  }
  return undefined;
}

/** Rates over the interval between two samples; the first sample has none. */
export function videoStatsView(current: VideoStatsSample, previous: VideoStatsSample | undefined): VideoStatsView {
  const seconds = previous ? (current.timestamp - previous.timestamp) / 1000 : 0;
  const measured = previous !== undefined && seconds > 0;
  const fps = current.framesPerSecond ?? (measured ? (current.framesDecoded - previous.framesDecoded) / seconds : undefined);
  return {
    framesDecoded: current.framesDecoded,
    width: current.frameWidth,
    height: current.frameHeight,
    fps: fps === undefined ? undefined : Math.max(0, fps),
    kbps: measured ? Math.max(0, ((current.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds) : undefined,
  };
}

/** "1280×720 · 20 fps · 1450 kbit/s", with dashes for what is not known yet. */
export function formatVideoStats(view: VideoStatsView): string {
  const resolution = view.width && view.height ? `${view.width}×${view.height}` : '–';
  const fps = view.fps === undefined ? '– fps' : `${Math.round(view.fps)} fps`;
  const kbps = view.kbps === undefined ? '– kbit/s' : `${Math.round(view.kbps)} kbit/s`;
  return `${resolution} · ${fps} · ${kbps}`;
}
