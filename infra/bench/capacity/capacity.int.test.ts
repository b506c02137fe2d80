import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCRelay, runRelay } from './relays';
import { runScenario } from './scenario';
import { startBenchSfu, type BenchSfu } from './sfu';
import { BENCH_DEFAULT_SUITE } from './srtp';
import type { SyntheticPeer } from './participant';

// The capacity benchmark's smoke run (npm run bench:capacity is the real one): a few seconds, a
// small room, asserting that packets flowed and were counted, not how fast. The real SFU on the
// real mediasoup worker; SRTP both ways in the benchmark's default suite (what Chromium negotiates):
// the worker's libsrtp forwards only what it authenticated of Node's SRTP, and Node authenticates
// and decrypts a sample of the worker's.
let sfu: BenchSfu;

/**
 * Whether this kernel lets the worker use io_uring: mediasoup's build compiles it in on a kernel of
 * 6 or later (build-mediasoup-worker.sh) and the worker uses it unless the kernel refuses it.
 */
function kernelOffersIoUring(): boolean {
  const major = Number(/^(\d+)\./.exec(release())?.[1] ?? 0);
  const disabled = existsSync('/proc/sys/kernel/io_uring_disabled') ? readFileSync('/proc/sys/kernel/io_uring_disabled', 'utf8').trim() : '0';
  return major >= 6 && disabled === '0';
}

beforeAll(async () => {
  sfu = await startBenchSfu({ workers: 1, rtcPort: 31400 });
});

afterAll(async () => {
  await sfu?.close();
});

describe('capacity benchmark smoke run', () => {
  it(`three synthetic participants publish and receive over SRTP (${BENCH_DEFAULT_SUITE}), every packet counted by sequence number`, async () => {
    let seen: SyntheticPeer[] = [];
    const result = await runScenario(
      sfu,
      { name: 'smoke', rooms: 1, peersPerRoom: 3, speaking: 2, visibleCameras: 16, screenShare: true },
      { seconds: 3, warmupSeconds: 3, suite: BENCH_DEFAULT_SUITE, sampleEvery: 5, inspect: (peers) => (seen = peers) },
    );
    expect(result.participants).toBe(3);
    expect(result.packetsInPerSecond).toBeGreaterThan(0);
    expect(result.packetsOutPerSecond).toBeGreaterThan(0);
    // Each consumes the others' microphones, cameras and the one screen share: 2 + 2 + (1 or 0).
    expect(seen.map((peer) => peer.consumers.size).sort()).toEqual([4, 5, 5]);
    for (const peer of seen) {
      expect(peer.totals.packets).toBeGreaterThan(0);
      const counted = [...peer.consumers.values()].reduce((sum, count) => sum + count.received, 0);
      expect(counted).toBe(peer.totals.packets);
      // The speaking peers' microphones reach everyone; the muted one's (paused) reaches no one.
      for (const count of peer.consumers.values()) {
        if (count.producer.source === 'mic' && count.producer.peerIndex < 2) expect(count.received).toBeGreaterThan(0);
        if (count.producer.source === 'mic' && count.producer.peerIndex === 2) expect(count.received).toBe(0);
        // The cameras' L1T3 layers: the SFU knows their temporal layers and has switched up from TID 0 on a sync frame.
        if (count.producer.source === 'camera') {
          expect(count.received).toBeGreaterThan(0);
          expect(count.temporalLayer).toBeGreaterThanOrEqual(1);
        }
      }
    }
    expect(result.sampled).toBeGreaterThan(0);
    expect(result.authFailures).toBe(0);
    expect(result.unknownSsrc).toBe(0);
    expect(result.delivered).toBeGreaterThan(0);
    expect(Number.isFinite(result.loss)).toBe(true);
    expect(result.workerCpu).toHaveLength(1);
  });

  // The worker's sends go through io_uring (one system call for a producer's packet to all its
  // consumers), which the project's worker build must keep compiled in. On a kernel that offers
  // no io_uring the worker falls back to libuv by itself, so there is nothing to check there.
  it.runIf(kernelOffersIoUring())('the worker forwards through io_uring', async () => {
    const [handed] = await sfu.ioUringPackets();
    expect(handed, 'the worker runs without io_uring: was it built without liburing? (infra/scripts/build-mediasoup-worker.sh)').not.toBeNull();
    expect(handed).toBeGreaterThan(0);
  });

  it('the C and Node relays of the baselines forward what they are sent', async () => {
    const cRelay = buildCRelay();
    for (const kind of ['c', 'node'] as const) {
      const relay = await runRelay({ kind, cRelay, port: 31450, inRate: 500, fanout: 2, bytes: 200, seconds: 1 });
      expect(relay.packetsInPerSecond).toBeGreaterThan(0);
      expect(relay.packetsOutPerSecond).toBeGreaterThan(0);
      expect(relay.loss).toBeLessThan(0.5);
    }
  });
});
