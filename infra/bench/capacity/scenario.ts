/**
 * One measured scenario: rooms of synthetic participants on the SFU under test, every packet
 * counted. Setup (join, publish, consume, views) → warm-up → a measuring window → the senders
 * stop and the receivers drain → figures.
 */
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import type { BenchSfu } from './sfu';
import { BENCH_ORIGIN } from './sfu';
import { SyntheticPeer, type PeerPlan } from './participant';
import type { BenchSrtpSuite } from './srtp';
import { CpuWindow, rssMiB, SoftirqWindow, udpDrops } from './proc';

export interface RoomScenario {
  name: string;
  rooms: number;
  peersPerRoom: number;
  /** Participants speaking (the rest muted: microphone paused, DTX). */
  speaking: number;
  /** Camera tiles each participant sees: the speaker's on the high layer, the rest on the low one. */
  visibleCameras: number;
  screenShare: boolean;
}

export interface RunOptions {
  seconds: number;
  warmupSeconds: number;
  suite: BenchSrtpSuite;
  /** Authenticate, decrypt and time one received packet in this many. */
  sampleEvery: number;
  /**
   * How many participants count what they receive (spread evenly; default all). The others' media
   * goes to a socket nobody reads: the SFU does the same work, and the generator's one core is
   * spared receiving 100,000 packets/s in Node. Loss and delivery are then those of the observers.
   */
  observers?: number;
  log?: (line: string) => void;
  /** Sees the participants after the window (tests, debugging). */
  inspect?: (peers: SyntheticPeer[]) => void;
  /** Runs once the synthetic media flows, before the warm-up (real browsers joining the first room). */
  beforeWarmup?: () => Promise<void>;
  /** Read at the window's start and end (the browsers' decoded frames). */
  probe?: () => Promise<number[]>;
  /** The cores the workers are pinned to, with nothing else of the run on them (`workerSoftirq`). */
  workerCores?: number[];
}

export interface ScenarioResult {
  scenario: RoomScenario;
  participants: number;
  /** Participants that counted what they received. */
  observers: number;
  seconds: number;
  workerCpu: number[];
  /**
   * Of the workers' CPU (summed, a share of one core): the softirqs on their cores, which on loopback
   * are the receiving side of what they send (the synthetic receivers' kernel work). Undefined
   * without `workerCores`.
   */
  workerSoftirq?: number;
  workerRssMiB: number[];
  generatorCpu: number;
  packetsInPerSecond: number;
  bitsInPerSecond: number;
  packetsOutPerSecond: number;
  bitsOutPerSecond: number;
  /** 1 - received / expected by sequence number, over every consumer. */
  loss: number;
  /**
   * Received (after draining) / offered: what the senders sent in the window on the stream and the
   * temporal layers each consumer forwarded at the time (ConsumerCount), so packets of a temporal
   * layer the SFU drops on purpose (a thumbnail at TID ≤ 1) are not counted as undelivered.
   */
  delivered: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  sampled: number;
  authFailures: number;
  unknownSsrc: number;
  /** Consumers that received nothing in the window although their stream was sent. */
  silentConsumers: number;
  generatorLagMaxMs: number;
  /** Packets the kernel dropped because the generator's receive sockets were full (the generator's loss, not the SFU's). */
  generatorSocketDrops: number;
  /** `probe` at the window's start and end. */
  probeStart?: number[];
  probeEnd?: number[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `tasks` with at most `limit` running at once. */
async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

export async function runScenario(sfu: BenchSfu, scenario: RoomScenario, options: RunOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const plans: PeerPlan[] = [];
  for (let room = 0; room < scenario.rooms; room += 1) {
    for (let seat = 0; seat < scenario.peersPerRoom; seat += 1) {
      plans.push({ index: plans.length, room: `cap-${scenario.name}-${room}`, speaking: seat < scenario.speaking, camera: true, screen: scenario.screenShare && seat === 1 });
    }
  }
  const peers: SyntheticPeer[] = [];
  const observerCount = Math.min(plans.length, options.observers ?? plans.length);
  const observing = new Set(Array.from({ length: observerCount }, (_, index) => Math.floor((index * plans.length) / observerCount)));
  const discard = createSocket('udp4');
  await new Promise<void>((resolve) => discard.bind(0, '127.0.0.1', () => resolve()));
  const discardPort = (discard.address() as AddressInfo).port;
  const sendSocket = createSocket('udp4');
  await new Promise<void>((resolve) => sendSocket.bind(0, '127.0.0.1', () => resolve()));
  try {
    sendSocket.setSendBufferSize(4 * 1024 * 1024);
  } catch {
    // Capped by wmem_max; the default works.
  }
  let running = true;
  let lagMax = 0;
  let measuring = false;
  try {
    const started = performance.now();
    await inBatches(plans, 8, async (plan) => {
      const token = await sfu.token(plan.room, `synthetic-${plan.index}`);
      peers.push(
        await SyntheticPeer.join({
          plan,
          sfuUrl: sfu.url,
          token,
          origin: BENCH_ORIGIN,
          suite: options.suite,
          sampleEvery: options.sampleEvery,
          ...(observing.has(plan.index) ? {} : { discardPort }),
        }),
      );
    });
    peers.sort((a, b) => a.plan.index - b.plan.index);
    const startAt = performance.now() + 50;
    await inBatches(peers, 8, (peer) => peer.publish(startAt));

    // The senders: every stream's frames when due, encrypted per packet; a Sender Report per stream every second.
    const streams = peers.flatMap((peer) => peer.producers.flatMap((producer) => producer.senders.map((sender, layer) => ({ peer, producer, sender, layer }))));
    let lastReport = performance.now();
    const pump = () => {
      if (!running) return;
      const now = performance.now();
      for (const { peer, producer, sender, layer } of streams) {
        // A video no one watches, or a layer no one receives, is not sent (its frames' times roll on,
        // so it resumes without a burst).
        if (layer > producer.maxLayer) {
          if (sender.nextAt <= now) sender.nextAt = now + sender.interval;
          continue;
        }
        if (now - sender.nextAt > 200) {
          lagMax = Math.max(lagMax, now - sender.nextAt);
          if (!measuring) sender.nextAt = now;
        }
        while (sender.nextAt <= now) {
          for (const packet of sender.frame(now)) sendSocket.send(peer.sendSrtp!.protectRtp(packet), peer.sendTo.port, peer.sendTo.ip);
          sender.nextAt += sender.interval;
        }
      }
      if (now - lastReport >= 1000) {
        lastReport = now;
        for (const { peer, producer, sender, layer } of streams) if (layer <= producer.maxLayer) sendSocket.send(peer.sendSrtp!.protectRtcp(sender.senderReport()), peer.sendTo.port, peer.sendTo.ip);
      }
      setTimeout(pump, 4);
    };
    log(`  ${peers.length} participants joined and publishing (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    // Everyone consumes everyone else in the room, then reports tiles as the room page would.
    const byRoom = new Map<string, SyntheticPeer[]>();
    for (const peer of peers) byRoom.set(peer.plan.room, [...(byRoom.get(peer.plan.room) ?? []), peer]);
    await inBatches(peers, 8, async (peer) => {
      const others = (byRoom.get(peer.plan.room) ?? []).filter((other) => other !== peer);
      await peer.consume(others.flatMap((other) => other.producers));
      const cameras = [...peer.consumers.values()].filter((count) => count.producer.source === 'camera');
      // Seat 0 is the active speaker; the one who is the speaker sees seat 1 large instead.
      const speakerIndex = others[0]?.plan.index;
      const views = [...peer.consumers.values()]
        .filter((count) => count.kind === 'video')
        .map((count) => {
          if (count.producer.source === 'screen') return { consumerId: count.consumerId, visible: true, height: 1080 };
          const rank = cameras.indexOf(count);
          if (count.producer.peerIndex === speakerIndex) return { consumerId: count.consumerId, visible: true, height: 720 };
          return { consumerId: count.consumerId, visible: rank < scenario.visibleCameras, height: 180 };
        });
      await peer.setViews(views);
    });
    // Media starts once every consumer and view is in place (setting up 10,000 consumers while the
    // same process sends and receives the media would take minutes on two cores).
    const mediaAt = performance.now();
    for (const { sender } of streams) sender.nextAt = mediaAt + (sender.nextAt - startAt);
    pump();
    const consumers = peers.reduce((sum, peer) => sum + peer.consumers.size, 0);
    log(`  ${consumers} consumers set up (${((performance.now() - started) / 1000).toFixed(1)} s); warming up ${options.warmupSeconds} s`);
    await options.beforeWarmup?.();
    await sleep(options.warmupSeconds * 1000);
    const probeStart = await options.probe?.();

    // The window.
    const workerPids = sfu.workerPids();
    const senderCount = () => streams.reduce((sum, { sender }) => sum + sender.packets, 0);
    const senderBytes = () => streams.reduce((sum, { sender }) => sum + sender.octets, 0);
    for (const peer of peers) peer.openWindow();
    const observers = peers.filter((peer) => peer.observes);
    const receivePorts = observers.map((peer) => peer.receivePort);
    const dropsAtStart = udpDrops(receivePorts);
    const sentAtStart = senderCount();
    const bytesAtStart = senderBytes();
    const cpu = new CpuWindow([...workerPids, process.pid]);
    const softirq = options.workerCores ? new SoftirqWindow(options.workerCores) : undefined;
    const windowStart = performance.now();
    measuring = true;
    await sleep(options.seconds * 1000);
    const shares = cpu.shares();
    const workerSoftirq = softirq?.share();
    const probeEnd = await options.probe?.();
    const seconds = (performance.now() - windowStart) / 1000;
    const sent = senderCount() - sentAtStart;
    const sentBytes = senderBytes() - bytesAtStart;
    for (const peer of peers) for (const count of peer.consumers.values()) count.closeWindow();
    const rss = workerPids.map((pid) => rssMiB(pid));
    running = false;
    measuring = false;
    // Drain: what is still queued in the SFU or the sockets arrives now; wait until nothing more does (at most 5 s).
    let last = -1;
    for (let waited = 0; waited < 5000; waited += 250) {
      const now = observers.reduce((sum, peer) => sum + peer.totals.packets, 0);
      if (now === last) break;
      last = now;
      await sleep(250);
    }

    const generatorSocketDrops = udpDrops(receivePorts) - dropsAtStart;
    let received = 0;
    let expected = 0;
    let offered = 0;
    let silent = 0;
    let bytesOut = 0;
    for (const peer of observers) {
      bytesOut += peer.totals.bytes;
      for (const count of peer.consumers.values()) {
        received += count.received;
        expected += count.expected();
        const offer = count.offered;
        offered += offer;
        if (offer > 0 && count.received === 0) silent += 1;
      }
    }
    options.inspect?.(peers);
    const latencies = observers.flatMap((peer) => peer.totals.latenciesMs).sort((a, b) => a - b);
    // With observers, what the SFU sent to all: the observers' share scaled up (every participant's view is alike).
    const scale = peers.length / Math.max(1, observers.length);
    const packetsOut = observers.reduce((sum, peer) => sum + peer.totals.packets, 0) * scale;
    bytesOut *= scale;
    return {
      scenario,
      participants: peers.length,
      observers: observers.length,
      seconds,
      workerCpu: workerPids.map((pid) => shares.get(pid) ?? NaN),
      ...(workerSoftirq === undefined ? {} : { workerSoftirq }),
      workerRssMiB: rss,
      generatorCpu: shares.get(process.pid) ?? NaN,
      packetsInPerSecond: sent / seconds,
      bitsInPerSecond: (sentBytes * 8) / seconds,
      packetsOutPerSecond: packetsOut / seconds,
      bitsOutPerSecond: (bytesOut * 8) / seconds,
      loss: expected === 0 ? NaN : 1 - received / expected,
      delivered: offered === 0 ? NaN : received / offered,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      sampled: peers.reduce((sum, peer) => sum + peer.totals.sampled, 0),
      authFailures: peers.reduce((sum, peer) => sum + peer.totals.authFailures, 0),
      unknownSsrc: peers.reduce((sum, peer) => sum + peer.totals.unknownSsrc, 0),
      silentConsumers: silent,
      generatorLagMaxMs: lagMax,
      generatorSocketDrops: generatorSocketDrops * scale,
      ...(probeStart && probeEnd ? { probeStart, probeEnd } : {}),
    };
  } finally {
    running = false;
    for (const peer of peers) peer.close();
    sendSocket.close();
    discard.close();
    // Let the SFU see the sockets close and free the rooms before the next scenario.
    await sleep(500);
  }
}
