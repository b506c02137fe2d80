import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { roleSchema, type Role, type Viewer } from '@padmeet/contract';
import { createFakeRoomRepository } from '@padmeet/data/testing';
import { AppError, createLogger } from '@padmeet/util';
import { authorizationMatrix, isAllowed } from './authorization-matrix';
import type { ApiDeps } from './context';
import { appRouter } from './root';
import { createServerCaller } from './server';
import { createRoomRateLimits } from './services/room-limits';

const MATRIX_FILE = 'libs/api/src/authorization-matrix.ts';

/** Every dependency answers UNAVAILABLE: handlers that pass the gate stop there, nothing is written anywhere. */
function unavailableDeps(): ApiDeps {
  const refuse = (): never => {
    throw new AppError('UNAVAILABLE', { userMessage: 'fake dependency' });
  };
  const everythingRefuses = new Proxy({}, { get: (_target, prop) => (prop === 'then' ? undefined : (..._args: unknown[]) => Promise.reject(refuse)) });
  const deep = new Proxy({}, { get: (_target, prop) => (prop === 'then' ? undefined : everythingRefuses) });
  return {
    rooms: createFakeRoomRepository([]),
    pads: everythingRefuses as ApiDeps['pads'],
    padRecords: everythingRefuses as ApiDeps['padRecords'],
    secureCookies: false,
    authService: { issueJoinToken: async () => refuse() },
    roomLimits: createRoomRateLimits(),
    accounts: everythingRefuses as ApiDeps['accounts'],
    sfuPublicUrl: 'ws://sfu.invalid/ws',
    logger: createLogger({ name: 'matrix', level: 'silent' }),
    now: () => Date.UTC(2030, 0, 1),
    schedule: deep as ApiDeps['schedule'],
  } as ApiDeps;
}

function viewerFor(role: Role): Viewer | null {
  return role === 'guest' ? null : { userId: randomUUID(), username: `${role}-user`, displayName: `A ${role}`, role };
}

const procedurePaths = Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();

type Outcome = 'allowed' | 'denied';

async function outcomeOf(path: string, role: Role, input: unknown): Promise<{ outcome: Outcome; detail: string }> {
  const caller = createServerCaller(unavailableDeps(), { viewer: viewerFor(role) }) as unknown as Record<string, unknown>;
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    const result = await fn(input);
    const iterator = result as AsyncIterator<unknown> | null;
    if (iterator && typeof iterator.return === 'function') await iterator.return();
    return { outcome: 'allowed', detail: 'succeeded' };
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : String(error);
    return { outcome: code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? 'denied' : 'allowed', detail: code };
  }
}

describe('authorization matrix: every procedure × every role', () => {
  it('has an entry for every procedure of appRouter', () => {
    const missing = procedurePaths.filter((path) => !(path in authorizationMatrix));
    expect(
      missing,
      `procedures without an entry in the authorization matrix: add them to ${MATRIX_FILE} (anyone, signedIn or roles(...)) and to the README section "Roles and accounts"`,
    ).toEqual([]);
    expect(procedurePaths.length).toBeGreaterThan(5);
  });

  for (const path of procedurePaths) {
    it(`${path}: allows and denies as the matrix says`, async () => {
      const entry = authorizationMatrix[path];
      if (!entry) throw new Error(`${path} has no entry: add it to ${MATRIX_FILE}`);
      const table: string[] = [];
      const wrong: string[] = [];
      for (const role of roleSchema.options) {
        const expected: Outcome = isAllowed(entry.access, role) ? 'allowed' : 'denied';
        const { outcome, detail } = await outcomeOf(path, role, entry.input);
        table.push(`${role}: ${outcome} (${detail})`);
        if (outcome !== expected) wrong.push(`${role}: expected ${expected}, got ${outcome} (${detail})`);
      }
      expect(wrong, `${path}\n  ${table.join('\n  ')}\n(the expected access is in ${MATRIX_FILE})`).toEqual([]);
    });
  }
});
