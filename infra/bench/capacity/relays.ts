/**
 * Baselines at the same packet rate as an SFU scenario: a C relay (relay.c, built here with the
 * system compiler) and a Node dgram relay (relay-node.mjs). The generator sends plain UDP packets
 * of the scenario's mean size into the relay, which forwards each to `fanout` sinks here; sinks
 * count by a sequence number in the payload and time every packet (send time in the payload).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreList, CpuWindow, pin, SoftirqWindow } from './proc';

export type RelayKind = 'c' | 'node';

export interface RelayResult {
  kind: RelayKind;
  fanout: number;
  relayCpu: number;
  /** Of it, the softirqs on its cores (the sinks' receiving side on loopback); undefined without `cpus`. */
  relaySoftirq?: number;
  packetsInPerSecond: number;
  packetsOutPerSecond: number;
  bitsOutPerSecond: number;
  loss: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

/** Builds the C relay into a temporary directory (cc -O2) and returns its path. */
export function buildCRelay(): string {
  const dir = join(tmpdir(), 'padmeet-bench-capacity');
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'relay');
  execFileSync('cc', ['-O2', '-o', binary, join(import.meta.dirname, 'relay.c')], { stdio: 'inherit' });
  return binary;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runRelay(options: {
  kind: RelayKind;
  cRelay?: string;
  port: number;
  inRate: number;
  fanout: number;
  bytes: number;
  seconds: number;
  cpus?: string;
}): Promise<RelayResult> {
  const sinks: Array<{ socket: Socket; received: number; highest: number; first: number }> = [];
  const latencies: number[] = [];
  let sample = 0;
  for (let index = 0; index < options.fanout; index += 1) {
    const socket = createSocket('udp4');
    const sink = { socket, received: 0, highest: -1, first: -1 };
    socket.on('message', (packet) => {
      const seq = packet.readUInt32BE(0);
      sink.received += 1;
      if (sink.first < 0) sink.first = seq;
      if (seq > sink.highest) sink.highest = seq;
      if (++sample % 10 === 0) latencies.push(performance.now() - packet.readDoubleBE(4));
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    try {
      socket.setRecvBufferSize(4 * 1024 * 1024);
    } catch {
      // capped by rmem_max
    }
    sinks.push(sink);
  }
  const destinations = sinks.map((sink) => String((sink.socket.address() as AddressInfo).port));
  const args = [String(options.port), ...destinations];
  const relay: ChildProcess =
    options.kind === 'c'
      ? spawn(options.cRelay ?? buildCRelay(), args, { stdio: 'ignore' })
      : spawn(process.execPath, [join(import.meta.dirname, 'relay-node.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    if (options.kind === 'node') await new Promise((resolve) => relay.stdout?.once('data', resolve));
    else await sleep(200);
    if (options.cpus && relay.pid) pin(relay.pid, options.cpus);
    const sender = createSocket('udp4');
    await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', () => resolve()));
    let seq = 0;
    const packet = Buffer.alloc(Math.max(12, options.bytes), 0x55);
    const startedAt = performance.now();
    let sent = 0;
    let measuring = false;
    let windowSent = 0;
    let running = true;
    const pump = () => {
      if (!running) return;
      const due = Math.floor(((performance.now() - startedAt) / 1000) * options.inRate);
      while (sent < due) {
        packet.writeUInt32BE(seq++ >>> 0, 0);
        packet.writeDoubleBE(performance.now(), 4);
        sender.send(packet, options.port, '127.0.0.1');
        sent += 1;
        if (measuring) windowSent += 1;
      }
      setTimeout(pump, 4);
    };
    pump();
    await sleep(2000);
    for (const sink of sinks) Object.assign(sink, { received: 0, highest: -1, first: -1 });
    latencies.length = 0;
    measuring = true;
    const cpu = new CpuWindow([relay.pid!]);
    const softirq = options.cpus ? new SoftirqWindow(coreList(options.cpus)) : undefined;
    const windowStart = performance.now();
    await sleep(options.seconds * 1000);
    const share = cpu.shares().get(relay.pid!) ?? NaN;
    const relaySoftirq = softirq?.share();
    const seconds = (performance.now() - windowStart) / 1000;
    running = false;
    measuring = false;
    let last = -1;
    for (let waited = 0; waited < 5000; waited += 250) {
      const now = sinks.reduce((sum, sink) => sum + sink.received, 0);
      if (now === last) break;
      last = now;
      await sleep(250);
    }
    sender.close();
    const received = sinks.reduce((sum, sink) => sum + sink.received, 0);
    const expected = windowSent * options.fanout;
    latencies.sort((a, b) => a - b);
    return {
      kind: options.kind,
      fanout: options.fanout,
      relayCpu: share,
      ...(relaySoftirq === undefined ? {} : { relaySoftirq }),
      packetsInPerSecond: windowSent / seconds,
      packetsOutPerSecond: received / seconds,
      bitsOutPerSecond: (received * packet.length * 8) / seconds,
      loss: expected === 0 ? NaN : Math.max(0, 1 - received / expected),
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
    };
  } finally {
    relay.kill('SIGTERM');
    for (const sink of sinks) sink.socket.close();
  }
}
