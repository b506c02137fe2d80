import { cpus } from 'node:os';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RoomHealthReason } from '@padmeet/contract';
import { LabelCap } from '@padmeet/metrics';
import { createMachineReader } from '@padmeet/metrics/machine';
import type { Logger } from '@padmeet/util';
import type { Peer } from './peer';
import type { RoomRegistry } from './room-registry';
import { assessRoomHealth, DEFAULT_ROOM_HEALTH_THRESHOLDS, seesRoomHealth, type RoomHealthThresholds } from './room-health';
import type { WorkerPool } from './worker-pool';

export interface SfuStatsSamplerOptions {
  registry: RoomRegistry;
  workerPool: WorkerPool;
  /** Where the Prometheus metrics go (apps/sfu's registry). */
  metrics: Registry;
  logger: Logger;
  /** How often the workers' stats are read; default 5 s. */
  intervalMs?: number;
  /** Rooms that get their own `room` label; the others share `_other`. Default 50. */
  roomLabelCap?: number;
  /** Consumers whose stats are read per sample at most (round robin over all); default 2,000. */
  consumersPerSample?: number;
  thresholds?: RoomHealthThresholds;
}

export interface RoomStatsSnapshot {
  room: string;
  peers: number;
  producers: number;
  consumers: number;
  /** bit/s into and out of the SFU for this room's transports. */
  bitrateIn: number;
  bitrateOut: number;
  packetsInPerSecond: number;
  packetsOutPerSecond: number;
  /** Share of packets lost (0-1) over the last sample, publishers → SFU and SFU → subscribers together. */
  loss: number;
  /** Mean round-trip time in ms of the room's streams, null before any RTCP report. */
  rttMs: number | null;
  health: 'ok' | 'warning';
  healthReasons: RoomHealthReason[];
}

export interface SfuStatsSnapshot {
  /** When the sample was taken (ISO), null before the first. */
  at: string | null;
  intervalMs: number;
  machine: { cores: number; load1: number; load5: number; load15: number; cpu: number };
  workers: Array<{ slot: number; pid: number; cpu: number; maxRssBytes: number }>;
  workerRestarts: number;
  totals: { rooms: number; peers: number; bitrateIn: number; bitrateOut: number; packetsInPerSecond: number; packetsOutPerSecond: number };
  rooms: RoomStatsSnapshot[];
}

export interface SfuStatsSampler {
  /** The last sample, with the room and peer counts as they are now. */
  snapshot(): SfuStatsSnapshot;
  /** Takes a sample now (also what the timer does). */
  sample(): Promise<void>;
  stop(): void;
}

/** Cumulative counters of one RTP stream, to turn into deltas per sample. */
interface StreamCounters {
  packets: number;
  lost: number;
}

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

/**
 * Reads the mediasoup workers' figures every few seconds: transports (bit/s in and out),
 * producers and consumers (RTP packets, loss, RTT), each worker's CPU and memory
 * (`getResourceUsage`), the machine's load and CPU. Publishes them as Prometheus metrics (labels:
 * `direction`, `kind`, `worker` slot, and `room` for at most `roomLabelCap` rooms, never peers),
 * keeps the last sample for the JSON view, and sends `roomHealth` to each room's moderators when
 * the room's health changes for them (`assessRoomHealth`).
 */
export function createSfuStatsSampler(options: SfuStatsSamplerOptions): SfuStatsSampler {
  const { registry: rooms, workerPool, metrics, logger } = options;
  const intervalMs = options.intervalMs ?? 5000;
  const consumersPerSample = options.consumersPerSample ?? 2000;
  const thresholds = options.thresholds ?? DEFAULT_ROOM_HEALTH_THRESHOLDS;
  const roomLabels = new LabelCap(options.roomLabelCap ?? 50);
  const registers = [metrics];

  const joined = () => rooms.rooms().flatMap((room) => room.joinedPeers());
  new Gauge({ name: 'padmeet_sfu_rooms', help: 'Open rooms.', registers, collect() { this.set(rooms.size); } });
  new Gauge({ name: 'padmeet_sfu_peers', help: 'People (joined connections) in rooms.', registers, collect() { this.set(joined().length); } });
  new Gauge({
    name: 'padmeet_sfu_producers',
    help: 'Producers (published streams), by kind.',
    labelNames: ['kind'],
    registers,
    collect() {
      const producers = joined().flatMap((peer) => [...peer.producers.values()]);
      for (const kind of ['audio', 'video'] as const) this.set({ kind }, producers.filter((p) => p.kind === kind).length);
    },
  });
  new Gauge({
    name: 'padmeet_sfu_consumers',
    help: 'Consumers (forwarded streams), by kind.',
    labelNames: ['kind'],
    registers,
    collect() {
      const consumers = joined().flatMap((peer) => [...peer.consumers.values()]);
      for (const kind of ['audio', 'video'] as const) this.set({ kind }, consumers.filter((c) => c.kind === kind).length);
    },
  });
  const roomPeers = new Gauge({ name: 'padmeet_sfu_room_peers', help: `People per room (rooms beyond the label cap share room="_other").`, labelNames: ['room'], registers });
  const bitrate = new Gauge({ name: 'padmeet_sfu_bitrate_bits_per_second', help: 'Bit/s through the SFU (transport stats), by direction.', labelNames: ['direction'], registers });
  const roomBitrate = new Gauge({ name: 'padmeet_sfu_room_bitrate_bits_per_second', help: 'Bit/s per room, by direction.', labelNames: ['room', 'direction'], registers });
  const packets = new Counter({ name: 'padmeet_sfu_rtp_packets_total', help: 'RTP packets received from publishers (in) and sent to subscribers (out).', labelNames: ['direction'], registers });
  const packetRate = new Gauge({ name: 'padmeet_sfu_rtp_packets_per_second', help: 'RTP packets/s over the last sample, by direction.', labelNames: ['direction'], registers });
  const loss = new Gauge({ name: 'padmeet_sfu_packet_loss_ratio', help: 'Share of RTP packets lost over the last sample (0-1), per room.', labelNames: ['room'], registers });
  const rtt = new Gauge({ name: 'padmeet_sfu_rtt_seconds', help: 'Mean round-trip time of the room\'s streams.', labelNames: ['room'], registers });
  const workerCpu = new Gauge({ name: 'padmeet_sfu_worker_cpu_ratio', help: 'CPU of each mediasoup worker over the last sample (1 = one core).', labelNames: ['worker'], registers });
  const workerRss = new Gauge({ name: 'padmeet_sfu_worker_max_rss_bytes', help: 'Peak resident memory of each mediasoup worker.', labelNames: ['worker'], registers });
  const restarts = new Counter({ name: 'padmeet_sfu_worker_restarts_total', help: 'mediasoup workers replaced after dying.', registers });
  const machineCpu = new Gauge({ name: 'padmeet_machine_cpu_ratio', help: 'Busy share of the machine\'s CPU over the last sample (0-1).', registers });
  const machineLoad = new Gauge({ name: 'padmeet_machine_load1', help: 'The machine\'s 1-minute load average.', registers });
  new Gauge({ name: 'padmeet_machine_cores', help: 'CPU cores of the machine.', registers, collect() { this.set(cpus().length); } });

  const streams = new Map<string, StreamCounters>();
  const workerCpuMs = new Map<number, { pid: number; ms: number }>();
  const healthSent = new WeakMap<Peer, string>();
  const healthReasons = new Map<string, RoomHealthReason[]>();
  let consumerCursor = 0;
  const machineReader = createMachineReader();
  let lastAt = Date.now();
  let restartCount = 0;
  let last: Omit<SfuStatsSnapshot, 'totals'> & { totals: SfuStatsSnapshot['totals'] } = {
    at: null,
    intervalMs,
    machine: { cores: cpus().length, load1: 0, load5: 0, load15: 0, cpu: 0 },
    workers: [],
    workerRestarts: 0,
    totals: { rooms: 0, peers: 0, bitrateIn: 0, bitrateOut: 0, packetsInPerSecond: 0, packetsOutPerSecond: 0 },
    rooms: [],
  };

  /** Stats of a closed object reject: that is expected between listing and asking. */
  const quietly = <T>(read: () => Promise<T[]>, what: string, closed: () => boolean): Promise<T[]> =>
    read().catch((error: unknown) => {
      if (!closed()) logger.warn({ err: error, what }, 'stats could not be read');
      return [];
    });

  const delta = (key: string, packetsNow: number, lostNow: number): StreamCounters => {
    const before = streams.get(key);
    streams.set(key, { packets: packetsNow, lost: lostNow });
    // A stream seen for the first time counts from zero (it started within the sample or just now).
    return { packets: Math.max(0, packetsNow - (before?.packets ?? 0)), lost: Math.max(0, lostNow - (before?.lost ?? 0)) };
  };

  const sample = async (): Promise<void> => {
    const now = Date.now();
    const seconds = Math.max(0.001, (now - lastAt) / 1000);
    lastAt = now;
    const machine = machineReader.read();
    const { cpu } = machine;

    // Consumers: a bounded number per sample, round robin, so a huge room costs the worker a bounded number of requests.
    const allConsumers = rooms.rooms().flatMap((room) => room.joinedPeers().flatMap((peer) => [...peer.consumers.values()].map((consumer) => ({ room: room.id, consumer }))));
    const picked = allConsumers.length <= consumersPerSample
      ? allConsumers
      : Array.from({ length: consumersPerSample }, (_, i) => allConsumers[(consumerCursor + i) % allConsumers.length]!);
    consumerCursor = allConsumers.length === 0 ? 0 : (consumerCursor + picked.length) % allConsumers.length;
    const outByRoom = new Map<string, { packets: number; lost: number; rtt: number[] }>();
    await Promise.all(
      picked.map(async ({ room, consumer }) => {
        const stats = await quietly(() => consumer.getStats(), 'consumer', () => consumer.closed);
        const entry = outByRoom.get(room) ?? { packets: 0, lost: 0, rtt: [] };
        outByRoom.set(room, entry);
        for (const stat of stats) {
          if (stat.type !== 'outbound-rtp') continue;
          const d = delta(`c:${consumer.id}:${stat.ssrc}`, stat.packetCount, stat.packetsLost);
          entry.packets += d.packets;
          entry.lost += d.lost;
          if (stat.roundTripTime !== undefined && stat.roundTripTime > 0) entry.rtt.push(stat.roundTripTime);
        }
      }),
    );

    const roomSnapshots: RoomStatsSnapshot[] = [];
    let packetsIn = 0;
    let packetsOut = 0;
    for (const room of rooms.rooms()) {
      const peers = room.joinedPeers();
      let bitrateIn = 0;
      let bitrateOut = 0;
      let inPackets = 0;
      let inLost = 0;
      const rtts: number[] = [...(outByRoom.get(room.id)?.rtt ?? [])];
      await Promise.all(
        peers.flatMap((peer) => [
          ...[...peer.transports.values()].map(async (transport) => {
            const [stats] = await quietly(() => transport.getStats() as Promise<Array<{ recvBitrate: number; sendBitrate: number }>>, 'transport', () => transport.closed);
            bitrateIn += stats?.recvBitrate ?? 0;
            bitrateOut += stats?.sendBitrate ?? 0;
          }),
          ...[...peer.producers.values()].map(async (producer) => {
            for (const stat of await quietly(() => producer.getStats(), 'producer', () => producer.closed)) {
              const d = delta(`p:${producer.id}:${stat.ssrc}`, stat.packetCount, stat.packetsLost);
              inPackets += d.packets;
              inLost += d.lost;
              if (stat.roundTripTime !== undefined && stat.roundTripTime > 0) rtts.push(stat.roundTripTime);
            }
          }),
        ]),
      );
      const out = outByRoom.get(room.id) ?? { packets: 0, lost: 0, rtt: [] };
      packetsIn += inPackets;
      packetsOut += out.packets;
      const expected = inPackets + inLost + out.packets;
      const roomLoss = expected > 0 ? clamp01((inLost + out.lost) / expected) : 0;
      const assessment = assessRoomHealth({ loss: roomLoss, cpu }, thresholds, healthReasons.get(room.id));
      healthReasons.set(room.id, assessment.reasons);
      const snapshot: RoomStatsSnapshot = {
        room: room.id,
        peers: peers.length,
        producers: peers.reduce((sum, peer) => sum + peer.producers.size, 0),
        consumers: peers.reduce((sum, peer) => sum + peer.consumers.size, 0),
        bitrateIn: Math.round(bitrateIn),
        bitrateOut: Math.round(bitrateOut),
        packetsInPerSecond: Math.round(inPackets / seconds),
        packetsOutPerSecond: Math.round(out.packets / seconds),
        loss: roomLoss,
        rttMs: rtts.length > 0 ? rtts.reduce((a, b) => a + b, 0) / rtts.length : null,
        health: assessment.level,
        healthReasons: assessment.reasons,
      };
      roomSnapshots.push(snapshot);
      // Moderators hear about a change, and on joining while the room warns (never an "ok" nobody needed).
      const message = { type: 'roomHealth' as const, level: assessment.level, reasons: assessment.reasons, loss: roomLoss, cpu };
      const key = `${assessment.level}:${assessment.reasons.join(',')}`;
      for (const peer of peers) {
        if (!seesRoomHealth(peer.claims.role)) continue;
        const sent = healthSent.get(peer);
        if (sent === key || (sent === undefined && assessment.level === 'ok')) continue;
        healthSent.set(peer, key);
        peer.send(message);
      }
    }
    // Forget the streams, rooms and labels that are gone.
    const live = new Set<string>();
    for (const room of rooms.rooms()) {
      for (const peer of room.joinedPeers()) {
        for (const producer of peer.producers.values()) live.add(producer.id);
        for (const consumer of peer.consumers.values()) live.add(consumer.id);
      }
    }
    for (const key of streams.keys()) if (!live.has(key.split(':')[1] ?? '')) streams.delete(key);
    for (const id of healthReasons.keys()) if (!rooms.get(id)) healthReasons.delete(id);

    // Workers: CPU share of a core since the last sample, peak memory; a slot whose pid changed was restarted.
    const workers: SfuStatsSnapshot['workers'] = [];
    await Promise.all(
      workerPool.workers().map(async ({ index, worker }) => {
        const usage = await worker.getResourceUsage().catch(() => undefined);
        if (!usage) return;
        const ms = usage.ru_utime + usage.ru_stime;
        const before = workerCpuMs.get(index);
        if (before && before.pid !== worker.pid) {
          restartCount += 1;
          restarts.inc();
        }
        const share = before && before.pid === worker.pid ? Math.max(0, (ms - before.ms) / 1000 / seconds) : 0;
        workerCpuMs.set(index, { pid: worker.pid, ms });
        workers.push({ slot: index, pid: worker.pid, cpu: share, maxRssBytes: usage.ru_maxrss * 1024 });
      }),
    );
    workers.sort((a, b) => a.slot - b.slot);

    // Publish: per-room series are reset each sample so closed rooms disappear.
    roomLabels.retain(roomSnapshots.map((room) => room.room));
    for (const gauge of [roomPeers, roomBitrate, loss, rtt, workerCpu, workerRss]) gauge.reset();
    const labelled = new Map<string, { peers: number; in: number; out: number; loss: number[]; rtt: number[] }>();
    for (const room of roomSnapshots) {
      const label = roomLabels.label(room.room);
      const entry = labelled.get(label) ?? { peers: 0, in: 0, out: 0, loss: [], rtt: [] };
      labelled.set(label, entry);
      entry.peers += room.peers;
      entry.in += room.bitrateIn;
      entry.out += room.bitrateOut;
      entry.loss.push(room.loss);
      if (room.rttMs !== null) entry.rtt.push(room.rttMs);
    }
    for (const [room, entry] of labelled) {
      roomPeers.set({ room }, entry.peers);
      roomBitrate.set({ room, direction: 'in' }, entry.in);
      roomBitrate.set({ room, direction: 'out' }, entry.out);
      loss.set({ room }, Math.max(...entry.loss));
      if (entry.rtt.length > 0) rtt.set({ room }, entry.rtt.reduce((a, b) => a + b, 0) / entry.rtt.length / 1000);
    }
    const totals = {
      rooms: roomSnapshots.length,
      peers: roomSnapshots.reduce((sum, room) => sum + room.peers, 0),
      bitrateIn: roomSnapshots.reduce((sum, room) => sum + room.bitrateIn, 0),
      bitrateOut: roomSnapshots.reduce((sum, room) => sum + room.bitrateOut, 0),
      packetsInPerSecond: Math.round(packetsIn / seconds),
      packetsOutPerSecond: Math.round(packetsOut / seconds),
    };
    bitrate.set({ direction: 'in' }, totals.bitrateIn);
    bitrate.set({ direction: 'out' }, totals.bitrateOut);
    packets.inc({ direction: 'in' }, packetsIn);
    packets.inc({ direction: 'out' }, packetsOut);
    packetRate.set({ direction: 'in' }, totals.packetsInPerSecond);
    packetRate.set({ direction: 'out' }, totals.packetsOutPerSecond);
    for (const worker of workers) {
      workerCpu.set({ worker: String(worker.slot) }, worker.cpu);
      workerRss.set({ worker: String(worker.slot) }, worker.maxRssBytes);
    }
    machineCpu.set(cpu);
    machineLoad.set(machine.load1);
    last = {
      at: new Date(now).toISOString(),
      intervalMs,
      machine,
      workers,
      workerRestarts: restartCount,
      totals,
      rooms: roomSnapshots,
    };
  };

  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = sample()
      .catch((error: unknown) => logger.error({ err: error }, 'stats sample failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();

  return {
    snapshot() {
      const live = new Map(rooms.rooms().map((room) => [room.id, room.joinedPeers().length]));
      const roomsNow = last.rooms.filter((room) => live.has(room.room)).map((room) => ({ ...room, peers: live.get(room.room) ?? 0 }));
      return { ...last, totals: { ...last.totals, rooms: rooms.size, peers: [...live.values()].reduce((a, b) => a + b, 0) }, rooms: roomsNow };
    },
    sample: () => {
      tick();
      return running ?? Promise.resolve();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
