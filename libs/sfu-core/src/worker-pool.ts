import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { AppError, type Logger } from '@padmeet/util';
import { rtcPortOf, webRtcServerOptions, type RtcTransportConfig } from './config';

/** A live worker and the WebRtcServer every transport of its rooms listens through. */
export interface MediaWorker {
  /** Slot in the pool; fixes the WebRtcServer's port (basePort + index), also after a restart. */
  readonly index: number;
  readonly worker: types.Worker;
  readonly webRtcServer: types.WebRtcServer;
}

export interface WorkerPoolOptions {
  size: number;
  logger: Logger;
  /** Where each worker's WebRtcServer listens. */
  rtc: RtcTransportConfig;
  /** Replaced in unit tests; defaults to mediasoup.createWorker. */
  createWorker?: () => Promise<types.Worker>;
  /** Delay before a dead worker is replaced; doubles while replacements keep dying young. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** A worker that lived this long before dying is replaced after the base delay again. */
  stableAfterMs?: number;
}

export interface WorkerPool {
  /** The next live worker, round robin. Throws UNAVAILABLE when none is alive. */
  next(): MediaWorker;
  /**
   * The next live worker; when none is alive but a replacement is on its way, waits for it up to
   * `waitMs` (a room whose only worker died comes back as soon as the replacement is up).
   */
  acquire(waitMs?: number): Promise<MediaWorker>;
  aliveCount(): number;
  /** The live workers, for tests and metrics. */
  workers(): MediaWorker[];
  close(): Promise<void>;
}

/** Next restart delay for a slot whose workers died `quickDeaths` times in a row soon after start. */
export function restartDelayFor(quickDeaths: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, quickDeaths));
}

const unavailable = () => new AppError('UNAVAILABLE', { userMessage: 'No media worker is running; try again in a few seconds.' });

/**
 * One mediasoup worker per core, each with its WebRtcServer (one UDP + one TCP port). A worker
 * that dies is logged and replaced in the same slot, on the same port, after `restartDelayMs`
 * (backing off while replacements keep dying); the rooms it carried close themselves (their
 * routers close with it) and their peers rejoin on a live worker.
 */
export async function createWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  const { logger, rtc, restartDelayMs = 250, maxRestartDelayMs = 5000, stableAfterMs = 30_000 } = options;
  const createWorker =
    options.createWorker ?? (() => mediasoup.createWorker({ logLevel: 'warn', logTags: ['ice', 'dtls', 'rtp', 'srtp', 'rtcp'] }));
  const slots: Array<MediaWorker | undefined> = Array.from({ length: options.size }, () => undefined);
  const quickDeaths = new Array<number>(options.size).fill(0);
  const waiters = new Set<() => void>();
  const restartTimers = new Set<ReturnType<typeof setTimeout>>();
  /** Slots whose replacement is scheduled or starting. */
  const restarting = new Set<number>();
  let cursor = 0;
  let closed = false;

  const isAlive = (entry: MediaWorker | undefined): entry is MediaWorker =>
    entry !== undefined && !entry.worker.died && !entry.worker.closed && !entry.webRtcServer.closed;
  const alive = () => slots.filter(isAlive);

  const scheduleStart = (index: number, delayMs: number) => {
    restarting.add(index);
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      start(index).catch((error: unknown) => {
        logger.error({ err: error, slot: index }, 'could not replace the mediasoup worker; retrying');
        quickDeaths[index] = (quickDeaths[index] ?? 0) + 1;
        if (!closed) scheduleStart(index, restartDelayFor(quickDeaths[index] ?? 0, restartDelayMs, maxRestartDelayMs));
      });
    }, delayMs);
    restartTimers.add(timer);
  };

  const start = async (index: number): Promise<void> => {
    const worker = await createWorker();
    if (closed) {
      worker.close();
      return;
    }
    let webRtcServer: types.WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer(webRtcServerOptions(rtc, index));
    } catch (error) {
      worker.close();
      throw new Error(`the WebRtcServer could not listen on ${rtc.listenIp}:${rtcPortOf(rtc, index)} (UDP and TCP): ${String(error)}`, {
        cause: error,
      });
    }
    const startedAt = Date.now();
    const entry: MediaWorker = { index, worker, webRtcServer };
    const log = logger.child({ workerPid: worker.pid, slot: index });
    worker.on('died', (error) => {
      if (slots[index] === entry) slots[index] = undefined;
      if (closed) return;
      quickDeaths[index] = Date.now() - startedAt < stableAfterMs ? (quickDeaths[index] ?? 0) + 1 : 0;
      const delay = restartDelayFor((quickDeaths[index] ?? 1) - 1, restartDelayMs, maxRestartDelayMs);
      log.error({ err: error, restartInMs: delay }, 'mediasoup worker died; its rooms are closed, replacing it');
      scheduleStart(index, delay);
    });
    slots[index] = entry;
    restarting.delete(index);
    for (const wake of [...waiters]) wake();
    log.info({ rtcPort: rtcPortOf(rtc, index) }, 'mediasoup worker started');
  };

  await Promise.all(slots.map((_, index) => start(index))).catch(async (error: unknown) => {
    closed = true;
    for (const entry of slots) entry?.worker.close();
    throw error;
  });

  const next = (): MediaWorker => {
    const live = alive();
    if (live.length === 0) throw unavailable();
    cursor = (cursor + 1) % live.length;
    return live[cursor] as MediaWorker;
  };

  return {
    next,
    async acquire(waitMs = 4000) {
      if (alive().length > 0) return next();
      if (closed || restarting.size === 0) throw unavailable();
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        waiters.add(wake);
      });
      return next();
    },
    aliveCount() {
      return alive().length;
    },
    workers() {
      return alive();
    },
    async close() {
      closed = true;
      for (const timer of restartTimers) clearTimeout(timer);
      restartTimers.clear();
      for (const wake of [...waiters]) wake();
      for (const [index, entry] of slots.entries()) {
        entry?.worker.close();
        slots[index] = undefined;
      }
    },
  };
}
