import { ATTENDANCE_PATH, MAX_ATTENDANCE_EVENTS, type AttendanceEvent } from '@padmeet/contract';
import type { Logger } from '@padmeet/util';

/** Who joins and leaves each room's call, told to the web app (issue 12: attendance). */
export interface AttendanceReporter {
  /** A connection joined `room` (the token's room slug). `id` is the connection's peer ID. */
  joined(peer: { id: string; room: string; subject: string; displayName: string }): void;
  /** The joined connection `id` left. */
  left(id: string): void;
  /** Events not yet accepted by the web app. */
  readonly backlog: number;
  /** Tries to send what is buffered (at most `timeoutMs`), then stops. */
  close(timeoutMs?: number): Promise<void>;
}

export interface AttendanceReporterOptions {
  /** The web app's base URL as the SFU reaches it, e.g. http://127.0.0.1:3000. */
  webUrl: string;
  /** The service secret (AUTH_SERVICE_SECRET) the web app checks. */
  secret: string;
  logger: Logger;
  /** Retry delays: from `minRetryMs` doubling up to `maxRetryMs` (defaults 500 ms, 30 s). */
  minRetryMs?: number;
  maxRetryMs?: number;
  /** Most events kept while the web app is unreachable (default 100,000; the oldest go first, with a warning). */
  maxBacklog?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * Buffers joins and leaves in order and POSTs them in batches to the web app's internal endpoint,
 * retrying with backoff until it accepts them: a web restart (or a web app down for a while) loses
 * nothing. Reports are idempotent on the web side, so a batch whose answer was lost is sent again.
 * Lost only if the SFU process itself stops before the web app took them (close() tries once more).
 */
export function createAttendanceReporter(options: AttendanceReporterOptions): AttendanceReporter {
  const url = new URL(ATTENDANCE_PATH, options.webUrl).href;
  const minRetry = options.minRetryMs ?? 500;
  const maxRetry = options.maxRetryMs ?? 30_000;
  const maxBacklog = options.maxBacklog ?? 100_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const queue: AttendanceEvent[] = [];
  let sending: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;

  function push(event: AttendanceEvent) {
    if (closed) return;
    queue.push(event);
    if (queue.length > maxBacklog) {
      const dropped = queue.splice(0, queue.length - maxBacklog);
      options.logger.warn({ dropped: dropped.length }, 'attendance: backlog full, oldest reports dropped');
    }
    if (!retryTimer) flush();
  }

  async function sendBatch(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_ATTENDANCE_EVENTS);
      const response = await send(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: batch }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status === 400) {
        // Never accepted, however often sent: drop it rather than block every later report.
        options.logger.error({ status: 400, answer: (await response.text()).slice(0, 300), events: batch.length }, 'attendance: the web app refused a report as malformed; dropped');
      } else if (!response.ok) {
        throw new Error(`the web app answered ${response.status}`);
      }
      await response.body?.cancel().catch(() => undefined);
      queue.splice(0, batch.length);
      failures = 0;
    }
  }

  function flush(): Promise<void> {
    if (sending) return sending;
    sending = sendBatch()
      .catch((error: unknown) => {
        failures += 1;
        const delay = Math.min(maxRetry, minRetry * 2 ** (failures - 1));
        const log = failures === 1 || failures % 10 === 0 ? options.logger.warn.bind(options.logger) : options.logger.debug.bind(options.logger);
        log({ err: error, backlog: queue.length, retryInMs: delay, failures }, 'attendance: could not report to the web app; retrying');
        if (!closed) {
          retryTimer = setTimeout(() => {
            retryTimer = undefined;
            void flush();
          }, delay);
          retryTimer.unref?.();
        }
      })
      .finally(() => {
        sending = undefined;
        // Events pushed while a batch was in flight.
        if (queue.length > 0 && !retryTimer && !closed) void flush();
      });
    return sending;
  }

  const iso = () => new Date(now()).toISOString();

  return {
    joined(peer) {
      push({ type: 'join', id: peer.id, room: peer.room, subject: peer.subject, displayName: peer.displayName, at: iso() });
    },
    left(id) {
      push({ type: 'leave', id, at: iso() });
    },
    get backlog() {
      return queue.length;
    },
    async close(closeTimeoutMs = 3000) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      if (queue.length > 0) {
        await Promise.race([(sending ?? flush()).catch(() => undefined), new Promise((done) => setTimeout(done, closeTimeoutMs).unref?.())]);
      }
      closed = true;
      clearTimeout(retryTimer);
      if (queue.length > 0) options.logger.warn({ backlog: queue.length }, 'attendance: stopping with reports the web app has not taken');
    },
  };
}
