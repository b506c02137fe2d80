import { describe, expect, it } from 'vitest';
import { createLogger } from '@padmeet/util';
import { FakeWorker } from './testing/fakes';
import { createWorkerPool } from './worker-pool';

const logger = createLogger({ name: 'test', level: 'silent' });

describe('createWorkerPool', () => {
  it('round-robins over live workers and replaces a dead one', async () => {
    const created: FakeWorker[] = [];
    const pool = await createWorkerPool({
      size: 2,
      logger,
      restartDelayMs: 5,
      createWorker: async () => {
        const worker = new FakeWorker();
        created.push(worker);
        return worker.asWorker();
      },
    });
    const picks = new Set([pool.next().pid, pool.next().pid, pool.next().pid]);
    expect(picks.size).toBe(2);
    created[0]?.die();
    expect(pool.aliveCount()).toBe(1);
    expect(pool.next().pid).toBe(created[1]?.pid);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(created).toHaveLength(3);
    expect(pool.aliveCount()).toBe(2);
    await pool.close();
    expect(created.every((worker) => worker.closed || worker.died)).toBe(true);
    expect(() => pool.next()).toThrow(/No media worker/);
  });
});
