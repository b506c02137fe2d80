import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import { createAppMetrics, metricValue, startMetricsListener, type MetricsListener } from '@padmeet/metrics';
import { createLogger } from '@padmeet/util';
import type { PeerProducerAppData, PeerTransportAppData } from './peer';
import { publishProducer } from './signaling/handlers/produce';
import { createSfuStatsSampler, type SfuStatsSampler } from './stats-sampler';
import { startTestSfu, until, type TestSfu } from './testing/harness';
import { feedAudio, type Feeder } from './testing/rtp';

// Metrics of a real mediasoup worker: a synthetic participant joins over real signaling,
// publishes Opus RTP written from Node into a PlainTransport, and leaves; the scrapes of a real
// metrics listener (with a token) follow.
const TOKEN = 'metrics-token-'.padEnd(40, 'x');
let sfu: TestSfu;
let sampler: SfuStatsSampler;
let listener: MetricsListener;
const feeders: Feeder[] = [];
const logger = createLogger({ name: 'sfu-metrics-int', level: 'silent' });

beforeAll(async () => {
  sfu = await startTestSfu({ rtcPort: 31330 });
  const metrics = createAppMetrics('sfu', { defaultMetrics: false });
  // Samples are taken by the test (sample()); the timer's interval is long enough not to interfere.
  sampler = createSfuStatsSampler({ registry: sfu.server.registry, workerPool: sfu.workerPool, metrics: metrics.registry, logger, intervalMs: 60_000 });
  listener = await startMetricsListener({ registry: metrics.registry, port: 0, host: '127.0.0.1', token: TOKEN, json: { '/stats.json': () => sampler.snapshot() } });
});

afterEach(() => {
  for (const feeder of feeders.splice(0)) feeder.stop();
  sfu.closeClients();
});

afterAll(async () => {
  sampler?.stop();
  await listener?.close();
  await sfu?.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${listener.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

const valueOf = metricValue;

const opus = (ssrc: number): types.RtpParameters => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
  rtcp: { cname: `mic-${ssrc}` },
});

/** A microphone of `peerId` fed from Node over a comedia PlainTransport, published like a produced one. */
async function publishMic(roomId: string, peerId: string, ssrc: number): Promise<Feeder> {
  const room = sfu.server.registry.get(roomId);
  const peer = room?.peers.get(peerId);
  if (!room || !peer) throw new Error(`peer ${peerId} is not in ${roomId}`);
  const transport = await room.router.createPlainTransport<PeerTransportAppData>({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: true,
    comedia: true,
    appData: { peerId, direction: 'send' },
  });
  peer.addTransport(transport);
  const producer = await transport.produce<PeerProducerAppData>({ kind: 'audio', rtpParameters: opus(ssrc), appData: { peerId, source: 'mic' } });
  await publishProducer(room, peer, producer);
  const feeder = feedAudio({ port: transport.tuple.localPort, payloadType: 100, ssrc, extensionId: 1, level: () => 30 });
  feeders.push(feeder);
  return feeder;
}

describe('SFU metrics on the metrics listener (real worker)', () => {
  it('refuses a scrape without the token, or with a wrong one', async () => {
    const bare = await fetch(`${listener.url}/metrics`);
    expect(bare.status).toBe(401);
    expect(await bare.text()).not.toContain('padmeet_sfu_peers');
    expect((await fetch(`${listener.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
    expect((await fetch(`${listener.url}/stats.json`)).status).toBe(401);
  });

  it('follows a participant who joins, publishes and leaves: peers up then down, packets in rising', async () => {
    const roomId = 'metrics-room';
    await sampler.sample();
    const before = await scrape();
    expect(valueOf(before, 'padmeet_sfu_peers')).toBe(0);
    const packetsBefore = valueOf(before, 'padmeet_sfu_rtp_packets_total', { direction: 'in' }) ?? 0;

    const alice = await sfu.joined({ room: roomId, name: 'Alice' });
    expect(valueOf(await scrape(), 'padmeet_sfu_peers')).toBe(1);
    expect(valueOf(await scrape(), 'padmeet_sfu_rooms')).toBe(1);

    const feeder = await publishMic(roomId, alice.peerId, 4242);
    expect(valueOf(await scrape(), 'padmeet_sfu_producers', { kind: 'audio' })).toBe(1);
    await until(() => feeder.sent() > 20, 'some packets sent', 10_000);
    await sampler.sample();
    const first = await scrape();
    const packetsFirst = valueOf(first, 'padmeet_sfu_rtp_packets_total', { direction: 'in' }) ?? 0;
    expect(packetsFirst).toBeGreaterThan(packetsBefore);
    expect(valueOf(first, 'padmeet_sfu_room_peers', { room: roomId })).toBe(1);
    expect(valueOf(first, 'padmeet_sfu_worker_cpu_ratio', { worker: '0' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(first, 'padmeet_sfu_worker_max_rss_bytes', { worker: '0' })).toBeGreaterThan(0);

    const sentAtFirst = feeder.sent();
    await until(() => feeder.sent() > sentAtFirst + 20, 'more packets sent', 10_000);
    await sampler.sample();
    const second = await scrape();
    expect(valueOf(second, 'padmeet_sfu_rtp_packets_total', { direction: 'in' }) ?? 0).toBeGreaterThan(packetsFirst);
    expect(valueOf(second, 'padmeet_sfu_rtp_packets_per_second', { direction: 'in' })).toBeGreaterThan(0);

    const stats = (await (await fetch(`${listener.url}/stats.json`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      rooms: Array<{ room: string; peers: number; packetsInPerSecond: number }>;
      machine: { cores: number };
    };
    expect(stats.rooms.find((room) => room.room === roomId)).toMatchObject({ peers: 1 });
    expect(stats.rooms.find((room) => room.room === roomId)?.packetsInPerSecond).toBeGreaterThan(0);
    expect(stats.machine.cores).toBeGreaterThan(0);

    alice.client.socket.close();
    // The peer leaves once the SFU has seen the socket close: wait for it (the test's timeout bounds the wait).
    let after = await scrape();
    while (valueOf(after, 'padmeet_sfu_peers') !== 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrape();
    }
    expect(valueOf(after, 'padmeet_sfu_peers')).toBe(0);
    await sampler.sample();
    // The room's own series go with it.
    expect(valueOf(await scrape(), 'padmeet_sfu_room_peers', { room: roomId })).toBeUndefined();
  });

  it("warns a room's chair (and not a participant) when the machine's CPU is past the threshold", async () => {
    const metrics = createAppMetrics('sfu', { defaultMetrics: false });
    // A threshold any machine doing work passes: the warning path itself is under test.
    const strict = createSfuStatsSampler({
      registry: sfu.server.registry,
      workerPool: sfu.workerPool,
      metrics: metrics.registry,
      logger,
      intervalMs: 60_000,
      thresholds: { loss: 1, cpu: 0.000_001 },
    });
    try {
      const roomId = 'health-room';
      const chair = await sfu.joined({ room: roomId, name: 'Chair', role: 'chair' });
      const participant = await sfu.joined({ room: roomId, name: 'Pat', role: 'participant' });
      const feeder = await publishMic(roomId, participant.peerId, 5151);
      await until(() => feeder.sent() > 20, 'some packets sent', 10_000);
      await strict.sample();
      const warning = await chair.client.waitFor((m) => m.type === 'roomHealth', 10_000);
      expect(warning).toMatchObject({ type: 'roomHealth', level: 'warning', reasons: ['cpu'] });
      // Told once, not on every sample while nothing changes.
      await strict.sample();
      expect(chair.client.notifications('roomHealth').length).toBeLessThanOrEqual(2);
      expect(participant.client.notifications('roomHealth')).toEqual([]);
    } finally {
      strict.stop();
    }
  });
});
