import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { JoinTokenRequest, Viewer } from '@padmeet/contract';
import { createFakePadRepository, createFakeRoomRepository } from '@padmeet/data/testing';
import { createFakePadService } from '@padmeet/pad/testing';
import { AppError, createLogger } from '@padmeet/util';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import type { AccountsClient } from '../services/accounts.client';
import { createRoomRateLimits } from '../services/room-limits';

const ada: Viewer = { userId: '00000000-0000-4000-8000-00000000000a', username: 'ada', displayName: 'Ada Lovelace', role: 'participant' };
const tm: Viewer = { userId: '00000000-0000-4000-8000-00000000000b', username: 'tm', role: 'ticketmaster' };
const token = `pmi_${'A'.repeat(43)}`;

function setup() {
  const calls: { op: string; request: unknown }[] = [];
  const issued: JoinTokenRequest[] = [];
  const record =
    <T>(op: string, answer: T) =>
    async (request: unknown) => {
      calls.push({ op, request });
      return answer;
    };
  const invite = { id: '00000000-0000-4000-8000-0000000000c1', role: 'participant' as const, note: null, status: 'active' as const, createdAt: 1, createdBy: 'tm', expiresAt: null, usedAt: null, usedBy: null, revokedAt: null };
  const accounts: AccountsClient = {
    checkCredentials: async () => {
      throw new AppError('UNAUTHENTICATED');
    },
    register: record('register', { id: ada.userId, username: 'ada', displayName: 'Ada', role: 'participant' as const }),
    changePassword: async (request) => {
      calls.push({ op: 'changePassword', request });
    },
    endSession: async (request) => {
      calls.push({ op: 'endSession', request });
    },
    endAllSessions: record('endAllSessions', { ended: 3 }),
    createInvite: record('createInvite', { token, invite }),
    listInvites: record('listInvites', [invite]),
    revokeInvite: record('revokeInvite', { ...invite, status: 'revoked' as const }),
  };
  const deps = {
    rooms: createFakeRoomRepository([
      { slug: 'open-room', name: 'Open', capacity: null, eventName: 'PTG', eventSlug: 'ptg' },
      { slug: 'members-room', name: 'Members', capacity: null, eventName: 'Closed summit', eventSlug: 'closed-summit', membersOnly: true },
    ]),
    pads: createFakePadService(),
    padRecords: createFakePadRepository(),
    secureCookies: false,
    authService: {
      async issueJoinToken(request: JoinTokenRequest) {
        issued.push(request);
        return { token: 'jwt', expiresAt: 1 };
      },
    },
    accounts,
    roomLimits: createRoomRateLimits(),
    sfuPublicUrl: 'ws://sfu.example/ws',
    logger: createLogger({ name: 'test', level: 'silent' }),
    now: () => 0,
  } as unknown as ApiDeps;
  const as = (viewer: Viewer | null, ip = '203.0.113.7') => createServerCaller(deps, { viewer, headers: new Headers({ 'x-forwarded-for': `${ip}, 10.0.0.1` }) });
  return { calls, issued, as };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

describe('account and invite procedures', () => {
  it('registers with the client address forwarded for rate limits', async () => {
    const { calls, as } = setup();
    await as(null).account.register({ token, username: ' Ada ', displayName: 'Ada', password: 'long-enough-pw' });
    expect(calls).toEqual([{ op: 'register', request: { token, username: 'ada', displayName: 'Ada', password: 'long-enough-pw', clientIp: '203.0.113.7' } }]);
  });

  it('refuses a malformed token or short password before calling auth', async () => {
    const { calls, as } = setup();
    expect(await codeOf(as(null).account.register({ token: 'abc', username: 'ada', displayName: 'Ada', password: 'long-enough-pw' }))).toBe('BAD_REQUEST');
    expect(await codeOf(as(null).account.register({ token, username: 'ada', displayName: 'Ada', password: 'short' }))).toBe('BAD_REQUEST');
    expect(calls).toEqual([]);
  });

  it('changes the password of the signed-in account only (the id comes from the session, not the input)', async () => {
    const { calls, as } = setup();
    expect(await codeOf(as(null).account.changePassword({ currentPassword: 'x', newPassword: 'new-password-1' }))).toBe('UNAUTHORIZED');
    await as(ada).account.changePassword({ currentPassword: 'x', newPassword: 'new-password-1', ...({ userId: tm.userId } as object) });
    expect(calls).toEqual([{ op: 'changePassword', request: { currentPassword: 'x', newPassword: 'new-password-1', userId: ada.userId, clientIp: '203.0.113.7' } }]);
  });

  it('lets admins end all sessions of an account, as themselves (the actor comes from the session)', async () => {
    const { calls, as } = setup();
    const admin: Viewer = { userId: '00000000-0000-4000-8000-0000000000ad', username: 'root', role: 'admin' };
    expect(await codeOf(as(tm).account.endAllSessions({ username: 'ada' }))).toBe('FORBIDDEN');
    expect(await as(admin).account.endAllSessions({ username: 'Ada', ...({ actorId: tm.userId } as object) })).toEqual({ ended: 3 });
    expect(calls).toEqual([{ op: 'endAllSessions', request: { username: 'ada', actorId: admin.userId } }]);
  });

  it('tells the browser who is signed in', async () => {
    const { as } = setup();
    expect(await as(null).account.me()).toBeNull();
    expect(await as(ada).account.me()).toEqual({ id: ada.userId, username: 'ada', displayName: 'Ada Lovelace', role: 'participant' });
    expect((await as(tm).account.me())?.displayName).toBe('tm');
  });

  it('mints, lists and revokes invites as the signed-in ticketmaster', async () => {
    const { calls, as } = setup();
    const created = await as(tm).invite.create({ note: 'for Grace', expiresInHours: 48 });
    expect(created.token).toBe(token);
    await as(tm).invite.list();
    await as(tm).invite.revoke({ id: created.invite.id });
    expect(calls.map((c) => c.op)).toEqual(['createInvite', 'listInvites', 'revokeInvite']);
    expect(calls[0]?.request).toEqual({ role: 'participant', note: 'for Grace', expiresInHours: 48, actorId: tm.userId });
    expect(await codeOf(as(ada).invite.create({}))).toBe('FORBIDDEN');
    expect(await codeOf(as(null).invite.list())).toBe('UNAUTHORIZED');
  });
});

describe('room.join identity', () => {
  it('gives guests the guest role and their pseudonym', async () => {
    const { issued, as } = setup();
    await as(null).room.join({ slug: 'open-room', displayName: 'Zebra' });
    expect(issued[0]).toMatchObject({ room: 'open-room', name: 'Zebra', role: 'guest', canPublish: true });
    expect(issued[0]?.subject).toMatch(/^guest:/);
  });

  it('gives signed-in users their account name, role in the room and id, whatever name they typed', async () => {
    const { issued, as } = setup();
    await as(ada).room.join({ slug: 'open-room', displayName: 'Someone else' });
    expect(issued[0]).toMatchObject({ name: 'Ada Lovelace', role: 'participant', subject: ada.userId });
    // The token's role is the person's standing in this room: a ticketmaster account is a participant there.
    await as(tm).room.join({ slug: 'members-room', displayName: 'x' });
    expect(issued[1]).toMatchObject({ name: 'tm', role: 'participant', subject: tm.userId });
  });

  it('refuses guests in members-only events with a clear message', async () => {
    const { issued, as } = setup();
    const error = await as(null)
      .room.join({ slug: 'members-room', displayName: 'Guest' })
      .catch((e: unknown) => e as TRPCError);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
    expect((error as TRPCError).message).toMatch(/members only: please sign in/);
    expect(issued).toEqual([]);
  });
});
