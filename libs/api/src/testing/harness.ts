import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { ZodError } from 'zod';
import type { Viewer } from '@padmeet/contract';
import { createEventRepository, createPadRepository, createRoomActivityRepository, createRoomRepository, createScheduleRepository, createSessionRepository, createTrackRepository, type Db } from '@padmeet/data';
import { createFakePadService } from '@padmeet/pad/testing';
import { createLogger } from '@padmeet/util';
import type { ApiDeps } from '../context';
import type { AccountsClient } from '../services/accounts.client';
import { createRoomRateLimits } from '../services/room-limits';
import { createRoomActivity } from '../services/room-activity';
import { createScheduleLive } from '../services/schedule-live';

/** The TRPCError a call fails with (the test fails if it succeeds or throws something else). */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** The form field a refusal names (AppError.field, or the path of the first zod issue). */
export function fieldOf(error: TRPCError): string | undefined {
  if (error.cause instanceof ZodError) return error.cause.issues[0]?.path.join('.');
  return (error.cause as { field?: string } | undefined)?.field;
}

/** An accounts client for tests of procedures that never reach apps/auth: any call fails the test loudly. */
export const accountsNotReached: AccountsClient = new Proxy({} as AccountsClient, {
  get: (_target, prop) => (prop === 'then' ? undefined : () => Promise.reject(new Error(`accounts.${String(prop)} was not expected in this test`))),
});

/**
 * The API's dependencies over a real database: the schedule repositories and
 * live snapshots (no snapshot caching, so every read sees the last write);
 * pads, the auth service and the SFU are not reached by scheduling procedures.
 */
export function scheduleDepsOver(db: Db, now: () => number): ApiDeps {
  return {
    rooms: createRoomRepository(db),
    schedule: {
      events: createEventRepository(db),
      tracks: createTrackRepository(db),
      sessions: createSessionRepository(db),
      live: createScheduleLive(createScheduleRepository(db), { ttlMs: 0 }),
    },
    pads: createFakePadService({ now }),
    padRecords: createPadRepository(db),
    secureCookies: false,
    authService: { issueJoinToken: async () => ({ token: 't', expiresAt: 0 }) },
    roomLimits: createRoomRateLimits({ now }),
    roomActivity: createRoomActivity(createRoomActivityRepository(db), { now }),
    accounts: accountsNotReached,
    sfuPublicUrl: 'ws://unused',
    logger: createLogger({ name: 'test', level: 'silent' }),
    now,
  };
}

/**
 * Makes viewers whose usernames are `${prefix}<name>-${suffix}`, so a test's
 * afterAll deletes exactly its own accounts by prefix.
 */
export function viewersNamed(prefix: string, suffix: string) {
  return (name: string, role: Viewer['role']): Viewer => ({ userId: randomUUID(), username: `${prefix}${name}-${suffix}`, displayName: `The ${name}`, role });
}

/** Writes the viewers' account rows (chairs and organisers reference app_user). */
export async function insertViewers(db: Db, viewers: Viewer[]): Promise<void> {
  for (const viewer of viewers) {
    await db.user.create({ data: { id: viewer.userId, username: viewer.username, displayName: viewer.displayName ?? viewer.username, role: viewer.role, passwordHash: 'scrypt$test' } });
  }
}
