import { describe, expect, it } from 'vitest';
import { formatLinkStats, formatVideoStats, inboundVideoSample, videoStatsView } from './video-stats';

describe('video stats', () => {
  const report = [
    { type: 'inbound-rtp', kind: 'audio', bytesReceived: 999 },
    { type: 'transport', bytesReceived: 5 },
    { type: 'inbound-rtp', kind: 'video', timestamp: 2000, framesDecoded: 40, bytesReceived: 250_000, frameWidth: 1280, frameHeight: 720 },
  ];

  it('picks the inbound video entry', () => {
    expect(inboundVideoSample(report)).toEqual({
      timestamp: 2000,
      framesDecoded: 40,
      bytesReceived: 250_000,
      frameWidth: 1280,
      frameHeight: 720,
      framesPerSecond: undefined,
      packetsReceived: undefined,
      packetsLost: undefined,
      roundTripTime: undefined,
    });
    expect(inboundVideoSample([{ type: 'inbound-rtp', kind: 'audio' }])).toBeUndefined();
  });

  it('computes fps and kbit/s over the interval since the previous sample', () => {
    const previous = { timestamp: 1000, framesDecoded: 20, bytesReceived: 125_000 };
    const current = inboundVideoSample(report)!;
    const view = videoStatsView(current, previous);
    expect(view).toEqual({ framesDecoded: 40, width: 1280, height: 720, fps: 20, kbps: 1000, loss: undefined, rttMs: undefined });
    expect(formatVideoStats(view)).toBe('1280×720 · 20 fps · 1000 kbit/s');
  });

  it('prefers the browser fps, has no rate on the first sample and never goes negative', () => {
    const first = videoStatsView({ timestamp: 1, framesDecoded: 0, bytesReceived: 0, framesPerSecond: 24.6 }, undefined);
    expect(first).toMatchObject({ fps: 24.6, kbps: undefined });
    expect(formatVideoStats(first)).toBe('– · 25 fps · – kbit/s');
    const reset = videoStatsView({ timestamp: 2000, framesDecoded: 0, bytesReceived: 0 }, { timestamp: 1000, framesDecoded: 50, bytesReceived: 9000 });
    expect(reset).toMatchObject({ fps: 0, kbps: 0 });
  });

  it('reads loss over the interval and the round trip of the selected candidate pair', () => {
    const entries = [
      { type: 'transport', selectedCandidatePairId: 'CP2' },
      { type: 'candidate-pair', id: 'CP1', state: 'succeeded', nominated: true, currentRoundTripTime: 0.5 },
      { type: 'candidate-pair', id: 'CP2', state: 'succeeded', currentRoundTripTime: 0.012 },
      { type: 'inbound-rtp', kind: 'video', timestamp: 2000, framesDecoded: 10, bytesReceived: 0, packetsReceived: 190, packetsLost: 10 },
    ];
    const current = inboundVideoSample(entries)!;
    expect(current.roundTripTime).toBe(0.012);
    const view = videoStatsView(current, { timestamp: 1000, framesDecoded: 0, bytesReceived: 0, packetsReceived: 100, packetsLost: 0 });
    expect(view.loss).toBeCloseTo(0.1);
    expect(view.rttMs).toBe(12);
    expect(formatLinkStats(view, 0)).toBe('10.0 % loss · 12 ms RTT · layer low');
    expect(formatLinkStats(view, null)).toMatch(/paused$/);
  });
});
