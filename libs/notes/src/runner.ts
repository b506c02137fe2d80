import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AttendanceRepository, RunnerScope, SessionNotesRepository } from '@padmeet/data';
import type { PadHistory } from '@padmeet/pad';
import type { Logger } from '@padmeet/util';
import { retryDelayMs } from './policy';
import { takeSnapshot, type SnapshotOutcome } from './snapshot';

export interface NotesRunnerOptions {
  notes: SessionNotesRepository;
  attendance: AttendanceRepository;
  history: PadHistory;
  logger: Logger;
  /** This runner's name in claims (default host:pid:random). */
  runnerId?: string;
  /** The longest sleep between sweeps (default 2 s); the runner also wakes at the next session start or end. */
  intervalMs?: number;
  /** How long a claim holds before another runner may take it over (default 60 s). */
  leaseMs?: number;
  /** Jobs claimed per sweep (default 16) and taken at once (default 8). */
  batch?: number;
  concurrency?: number;
  /** Sessions that ended longer ago than this when first seen get no snapshot (default 7 days). */
  horizonMs?: number;
  /** Retry delay after `attempts` claims (default policy.retryDelayMs). */
  retryDelay?: (attempts: number) => number;
  /** Only these events' sessions (tests and the benchmark); default every session. */
  scope?: RunnerScope;
  /** Called after each job (tests and the benchmark count them). */
  onJob?: (sessionId: string, outcome: SnapshotOutcome | 'failed') => void;
}

export interface NotesRunner {
  readonly runnerId: string;
  /** Starts sweeping (idempotent). */
  start(): void;
  /** One sweep: makes the rows of started sessions, claims and takes what is due; resolves with the jobs handled. */
  sweep(): Promise<number>;
  /** Stops sweeping and waits for the jobs in hand (their claims are written or released). */
  stop(): Promise<void>;
}

/**
 * The snapshot jobs of every session (issue 12), run in the web server process. Nothing is kept
 * in memory between sweeps: the jobs are rows in PostgreSQL (session_notes) whose due times come
 * from the sessions themselves, so a restarted process, a second process, or Etherpad coming back
 * all pick up where things are. Timers only decide when to look next (every `intervalMs`, and
 * right at the next session start or end).
 */
export function createNotesRunner(options: NotesRunnerOptions): NotesRunner {
  const runnerId = options.runnerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const intervalMs = options.intervalMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const batch = options.batch ?? 16;
  const concurrency = options.concurrency ?? 8;
  const horizonMs = options.horizonMs ?? 7 * 24 * 3600_000;
  const retryDelay = options.retryDelay ?? retryDelayMs;
  const logger = options.logger.child({ part: 'notes-runner', runnerId });
  const deps = { notes: options.notes, attendance: options.attendance, history: options.history, runnerId, logger };

  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<unknown> | undefined;
  let sweepErrors = 0;

  async function handle(job: Awaited<ReturnType<SessionNotesRepository['claim']>>[number]): Promise<void> {
    const log = logger.child({ slotId: job.sessionId, roomId: job.roomSlug });
    try {
      const outcome = await takeSnapshot(job, deps);
      if (outcome === 'lost-claim') log.warn('snapshot: the claim passed to another runner meanwhile; its result was not written');
      else log.info({ outcome }, 'session notes snapshot taken');
      options.onJob?.(job.sessionId, outcome);
    } catch (error) {
      const delay = retryDelay(job.attempts);
      const message = error instanceof Error ? ((error as { userMessage?: string }).userMessage ?? error.message) : String(error);
      log.warn({ err: error, attempts: job.attempts, retryInMs: delay }, 'session notes snapshot failed; retrying later');
      await options.notes.fail(job.sessionId, runnerId, message, delay).catch((failError: unknown) => log.error({ err: failError }, 'could not record the failure; the claim expires by itself'));
      options.onJob?.(job.sessionId, 'failed');
    }
  }

  async function sweep(): Promise<number> {
    await options.notes.materialise(horizonMs, options.scope);
    let handled = 0;
    for (;;) {
      const jobs = await options.notes.claim(runnerId, leaseMs, batch, options.scope);
      // A few at a time: each is several calls to Etherpad.
      const queue = [...jobs];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) await handle(job);
        }),
      );
      handled += jobs.length;
      if (jobs.length < batch || !running) return handled;
    }
  }

  async function nextWakeMs(): Promise<number> {
    const next = await options.notes.nextInstant();
    if (!next) return intervalMs;
    // Just after the instant, so the job is due when the claim runs.
    return Math.max(0, Math.min(intervalMs, next.getTime() - Date.now() + 20));
  }

  function schedule(delay: number) {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      current = sweep()
        .then(async () => {
          sweepErrors = 0;
          return nextWakeMs();
        })
        .catch((error: unknown) => {
          sweepErrors += 1;
          (sweepErrors === 1 || sweepErrors % 30 === 0 ? logger.error.bind(logger) : logger.debug.bind(logger))({ err: error, sweepErrors }, 'notes runner: sweep failed (PostgreSQL?); trying again');
          return intervalMs;
        })
        .then((next) => schedule(next));
    }, delay);
  }

  return {
    runnerId,
    start() {
      if (running) return;
      running = true;
      logger.info({ intervalMs, leaseMs }, 'notes runner started');
      schedule(0);
    },
    sweep,
    async stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      await current?.catch(() => undefined);
      logger.info('notes runner stopped');
    },
  };
}
