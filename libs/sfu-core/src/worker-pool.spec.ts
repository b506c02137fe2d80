import { describe, expect, it } from 'vitest';
import { createLogger } from '@padmeet/util';
import { FakeWorker } from './testing/fakes';
import { createWorkerPool, restartDelayFor } from './worker-pool';

const logger = createLogger({ name: 'test', level: 'silent' });
const rtc = { listenIp: '127.0.0.1', basePort: 41000 };

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function fakePool(size: number, restartDelayMs = 5) {
  const created: FakeWorker[] = [];
  const pool = createWorkerPool({
    size,
    logger,
    rtc,
    restartDelayMs,
    createWorker: async () => {
      const worker = new FakeWorker();
      created.push(worker);
      return worker.asWorker();
    },
  });
  return { created, pool };
}

describe('createWorkerPool', () => {
  it('gives each worker a WebRtcServer on basePort + slot, round-robins, and replaces a dead one on the same port', async () => {
    const { created, pool: pending } = fakePool(2);
    const pool = await pending;
    expect(created.map((worker) => worker.webRtcServerPorts)).toEqual([[41000], [41001]]);
    const picks = new Set([pool.next().worker.pid, pool.next().worker.pid, pool.next().worker.pid]);
    expect(picks.size).toBe(2);
    created[0]?.die();
    expect(pool.aliveCount()).toBe(1);
    expect(pool.next().worker.pid).toBe(created[1]?.pid);
    await until(() => pool.aliveCount() === 2);
    expect(created).toHaveLength(3);
    expect(created[2]?.webRtcServerPorts).toEqual([41000]);
    expect(pool.workers().map((entry) => entry.index).sort()).toEqual([0, 1]);
    await pool.close();
    expect(created.every((worker) => worker.closed || worker.died)).toBe(true);
    expect(() => pool.next()).toThrow(/No media worker/);
  });

  it('acquire waits for the replacement when the only worker died, and refuses when none is coming', async () => {
    const { created, pool: pending } = fakePool(1, 20);
    const pool = await pending;
    created[0]?.die();
    expect(() => pool.next()).toThrow(/No media worker/);
    const acquired = await pool.acquire(2000);
    expect(acquired.worker.pid).toBe(created[1]?.pid);
    await pool.close();
    await expect(pool.acquire(10)).rejects.toThrow(/No media worker/);
  });

  it('retries a replacement whose WebRtcServer cannot listen yet', async () => {
    const { created, pool: pending } = fakePool(1, 1);
    const pool = await pending;
    let failures = 2;
    const original = FakeWorker.prototype.createWebRtcServer;
    FakeWorker.prototype.createWebRtcServer = async function (this: FakeWorker, options) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('bind() failed: address already in use');
      }
      return original.call(this, options);
    };
    try {
      created[0]?.die();
      await until(() => pool.aliveCount() === 1);
      expect(created).toHaveLength(4);
      expect(created[1]?.closed && created[2]?.closed).toBe(true);
    } finally {
      FakeWorker.prototype.createWebRtcServer = original;
      await pool.close();
    }
  });

  it('fails start-up with the port in the message when a WebRtcServer cannot listen', async () => {
    await expect(
      createWorkerPool({
        size: 1,
        logger,
        rtc,
        createWorker: async () => Object.assign(new FakeWorker(), { failWebRtcServer: true }).asWorker(),
      }),
    ).rejects.toThrow(/could not listen on 127\.0\.0\.1:41000/);
  });

  it('backs off while replacements keep dying young', () => {
    expect([0, 1, 2, 3, 10].map((deaths) => restartDelayFor(deaths, 250, 5000))).toEqual([250, 500, 1000, 2000, 5000]);
  });
});
