import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { AppError, type Logger } from '@padmeet/util';
import type { ApiDeps } from './context';
import { createServerCaller } from './server';

/** A logger that keeps what it is told. */
function recordingLogger() {
  const lines: Array<{ level: string; object: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (object: Record<string, unknown>, message: string) => lines.push({ level, object, message });
  const logger = { warn: at('warn'), error: at('error'), info: at('info'), debug: at('debug'), child: () => logger } as unknown as Logger;
  return { logger, lines };
}

/** What `schedule.get` fails with when the live schedule's read fails with `failure`. */
function scheduleGetFailure(logger: Logger, failure: unknown): Promise<TRPCError | null> {
  const deps = { logger, now: Date.now, schedule: { live: { get: () => Promise.reject(failure) } } } as unknown as ApiDeps;
  return createServerCaller(deps, { viewer: null })
    .schedule.get({ eventSlug: 'ptg-2030' })
    .then(
      () => null,
      (e: unknown) => e as TRPCError,
    );
}

describe('the error-mapping middleware', () => {
  it('logs a dependency failure with the procedure and its cause, and shows the user only the message', async () => {
    const { logger, lines } = recordingLogger();
    const down = new Error('connect ECONNREFUSED 127.0.0.1:3001');
    const error = await scheduleGetFailure(logger, new AppError('UNAVAILABLE', { userMessage: 'Try again in a moment.', cause: down }));
    expect(error?.message).toBe('Try again in a moment.');
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', object: expect.objectContaining({ err: down, path: 'schedule.get', code: 'UNAVAILABLE' }) })]);
  });

  it('tells the person to try again when the database did not answer (no connection free in time), not that padmeet broke', async () => {
    const { logger, lines } = recordingLogger();
    const busy = new Error('timeout exceeded when trying to connect');
    const error = await scheduleGetFailure(logger, busy);
    expect(error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(error?.message).toMatch(/try again in a moment/);
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', object: expect.objectContaining({ err: busy, path: 'schedule.get', code: 'UNAVAILABLE' }) })]);
  });

  it('does not log what the user caused (NOT_FOUND, BAD_INPUT…)', async () => {
    const { logger, lines } = recordingLogger();
    const deps = { logger, now: Date.now, schedule: { live: { get: async () => null } } } as unknown as ApiDeps;
    await createServerCaller(deps, { viewer: null })
      .schedule.get({ eventSlug: 'ptg-2030' })
      .catch(() => undefined);
    expect(lines).toEqual([]);
  });
});
