import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { AppError, type Logger } from '@padmeet/util';

export interface WorkerPoolOptions {
  size: number;
  logger: Logger;
  /** Replaced in unit tests; defaults to mediasoup.createWorker. */
  createWorker?: () => Promise<types.Worker>;
  /** Delay before a dead worker is replaced. */
  restartDelayMs?: number;
}

export interface WorkerPool {
  /** The next live worker, round robin. Throws UNAVAILABLE when none is alive. */
  next(): types.Worker;
  aliveCount(): number;
  close(): Promise<void>;
}

/**
 * One mediasoup worker per core. A worker that dies is logged and replaced;
 * the rooms it carried close themselves (their routers close with it).
 */
export async function createWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const { logger, restartDelayMs = 2000 } = options;
  const createWorker =
    options.createWorker ?? (() => mediasoup.createWorker({ logLevel: 'warn', logTags: ['ice', 'dtls', 'rtp', 'srtp', 'rtcp'] }));
  const workers: types.Worker[] = [];
  let cursor = 0;
  let closed = false;
  const restartTimers = new Set<ReturnType<typeof setTimeout>>();

  const start = async (): Promise<void> => {
    const worker = await createWorker();
    if (closed) {
      worker.close();
      return;
    }
    const log = logger.child({ workerPid: worker.pid });
    worker.on('died', (error) => {
      const index = workers.indexOf(worker);
      if (index >= 0) workers.splice(index, 1);
      if (closed) return;
      log.error({ err: error }, 'mediasoup worker died; its rooms are closed, replacing it');
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        start().catch((startError: unknown) => log.error({ err: startError }, 'could not replace the dead mediasoup worker'));
      }, restartDelayMs);
      restartTimers.add(timer);
    });
    workers.push(worker);
    log.info('mediasoup worker started');
  };

  await Promise.all(Array.from({ length: options.size }, () => start()));

  return {
    next() {
      const alive = workers.filter((worker) => !worker.died && !worker.closed);
      if (alive.length === 0) {
        throw new AppError('UNAVAILABLE', { userMessage: 'No media worker is running; try again in a few seconds.' });
      }
      cursor = (cursor + 1) % alive.length;
      return alive[cursor] as types.Worker;
    },
    aliveCount() {
      return workers.filter((worker) => !worker.died && !worker.closed).length;
    },
    async close() {
      closed = true;
      for (const timer of restartTimers) clearTimeout(timer);
      restartTimers.clear();
      for (const worker of workers.splice(0)) worker.close();
    },
  };
}
