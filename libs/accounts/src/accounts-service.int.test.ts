import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountSessionRepository, createInviteRepository, createUserRepository, disconnectAll, getDb, type Db } from '@padmeet/data';
import { AppError, createLogger, isAppError } from '@padmeet/util';
import { createAccountsService, type AccountsService } from './accounts-service';
import { generateInviteToken, hashInviteToken } from './invite-token';
import { hashPassword } from './password';

const databaseUrl = process.env['DATABASE_URL'];
const cheap = { logN: 10, r: 8, p: 1 };
const generous = { limit: 100_000, windowMs: 60_000 };
const noLimits = { perAddress: generous, perUsername: generous, perAddressAndUsername: generous };
const run = randomBytes(3).toString('hex');
const name = (label: string) => `it${run}-${label}`.slice(0, 32);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('accounts against PostgreSQL', () => {
  let db: Db;
  let admin: { id: string };
  let ticketmaster: { id: string };
  const logger = createLogger({ name: 'accounts-int', level: 'silent' });
  let service: AccountsService;

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    const users = createUserRepository(db);
    const passwordHash = await hashPassword('admin-password-1', cheap);
    admin = await users.create({ username: name('admin'), displayName: 'Admin', role: 'admin', passwordHash });
    ticketmaster = await users.create({ username: name('tm'), displayName: 'Ticket Master', role: 'ticketmaster', passwordHash });
    service = createAccountsService({ users, invites: createInviteRepository(db), sessions: createAccountSessionRepository(db), logger, passwordParams: cheap, limits: { signIn: noLimits, redemption: noLimits }, concurrency: 64 });
  });

  afterAll(async () => {
    const mine = { username: { startsWith: `it${run}-` } };
    await db.inviteToken.deleteMany({ where: { OR: [{ createdBy: mine }, { usedBy: mine }, { note: { startsWith: `it${run}` } }] } });
    await db.user.deleteMany({ where: mine });
    await disconnectAll();
  });

  it('one token redeemed by 1,000 concurrent requests creates exactly one account', async () => {
    const { token, invite } = await service.createInvite({ actorId: ticketmaster.id, role: 'participant' });
    const attempts = Array.from({ length: 1000 }, (_, i) =>
      service.register({ token, username: name(`race${i}`), displayName: `Racer ${i}`, password: 'a-good-password', clientIp: `10.9.${i % 250}.1` }),
    );
    const results = await Promise.allSettled(attempts);
    const created = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(999);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'BAD_INPUT', field: 'token' });
    expect(await db.user.count({ where: { username: { startsWith: name('race') } } })).toBe(1);
    const row = await db.inviteToken.findUniqueOrThrow({ where: { id: invite.id }, select: { usedAt: true, usedBy: { select: { username: true } } } });
    expect(row.usedAt).not.toBeNull();
    expect(row.usedBy?.username).toBe((created[0] as PromiseFulfilledResult<{ username: string }>).value.username);
  }, 120_000);

  it('the redemption statement itself is atomic: 1,000 concurrent redeems of one token (no pre-check) → one account', async () => {
    const invites = createInviteRepository(db);
    const { token } = await service.createInvite({ actorId: ticketmaster.id, role: 'participant' });
    const passwordHash = await hashPassword('direct-redeem-pw', cheap);
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => invites.redeem({ tokenHash: hashInviteToken(token), username: name(`direct${i}`), displayName: `D ${i}`, passwordHash })),
    );
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'invalid-token')).toHaveLength(999);
    expect(await db.user.count({ where: { username: { startsWith: name('direct') } } })).toBe(1);
  }, 120_000);

  it('the new account can sign in at once, with the role of its invite', async () => {
    const { token } = await service.createInvite({ actorId: admin.id, role: 'chair', note: `it${run} chair` });
    const account = await service.register({ token, username: name('Chair1').toUpperCase(), displayName: 'Chair One', password: 'chair-password', clientIp: null });
    expect(account).toMatchObject({ username: name('chair1'), role: 'chair' });
    const session = await service.checkCredentials({ username: name('chair1'), password: 'chair-password', clientIp: '10.0.0.1' });
    expect(session).toMatchObject({ id: account.id, role: 'chair', displayName: 'Chair One' });
  });

  it('refuses used, revoked, expired and unknown tokens, and never stores a token in clear', async () => {
    const used = await service.createInvite({ actorId: ticketmaster.id, role: 'participant' });
    await service.register({ token: used.token, username: name('first'), displayName: 'First', password: 'first-password', clientIp: null });
    expect(await failure(service.register({ token: used.token, username: name('second'), displayName: 'Second', password: 'second-password', clientIp: null }))).toMatchObject({ code: 'BAD_INPUT', field: 'token' });

    const revoked = await service.createInvite({ actorId: ticketmaster.id, role: 'participant' });
    expect((await service.revokeInvite({ actorId: ticketmaster.id, id: revoked.invite.id })).status).toBe('revoked');
    expect(await failure(service.register({ token: revoked.token, username: name('rev'), displayName: 'R', password: 'revoked-password', clientIp: null }))).toMatchObject({ code: 'BAD_INPUT' });
    expect((await failure(service.revokeInvite({ actorId: ticketmaster.id, id: revoked.invite.id }))).code).toBe('CONFLICT');

    const expired = generateInviteToken();
    await createInviteRepository(db).create({ tokenHash: expired.tokenHash, role: 'participant', note: `it${run} expired`, createdById: ticketmaster.id, expiresAt: new Date(Date.now() - 1000) });
    expect(await failure(service.register({ token: expired.token, username: name('exp'), displayName: 'E', password: 'expired-password', clientIp: null }))).toMatchObject({ code: 'BAD_INPUT' });

    expect(await failure(service.register({ token: generateInviteToken().token, username: name('unk'), displayName: 'U', password: 'unknown-password', clientIp: null }))).toMatchObject({ code: 'BAD_INPUT' });
    expect(await db.user.count({ where: { username: { in: [name('second'), name('rev'), name('exp'), name('unk')] } } })).toBe(0);

    const stored = await db.inviteToken.findUniqueOrThrow({ where: { id: used.invite.id }, select: { tokenHash: true } });
    expect(stored.tokenHash).toBe(hashInviteToken(used.token));
    expect(JSON.stringify(await service.listInvites({ actorId: ticketmaster.id }))).not.toContain(used.token);
  });

  it('a taken username leaves the token unused', async () => {
    const { token, invite } = await service.createInvite({ actorId: ticketmaster.id, role: 'participant' });
    expect(await failure(service.register({ token, username: name('tm'), displayName: 'Dup', password: 'duplicate-password', clientIp: null }))).toMatchObject({ code: 'CONFLICT', field: 'username' });
    expect((await db.inviteToken.findUniqueOrThrow({ where: { id: invite.id } })).usedAt).toBeNull();
    await service.register({ token, username: name('notdup'), displayName: 'Not dup', password: 'not-duplicate-pw', clientIp: null });
  });

  it('lets issuers grant only what they may, and see and revoke only their own invites', async () => {
    expect(await failure(service.createInvite({ actorId: ticketmaster.id, role: 'chair' }))).toMatchObject({ code: 'FORBIDDEN', field: 'role' });
    const byAdmin = await service.createInvite({ actorId: admin.id, role: 'organiser', expiresInHours: 2, note: `it${run} org` });
    expect(byAdmin.invite).toMatchObject({ role: 'organiser', status: 'active', createdBy: name('admin') });
    expect(byAdmin.invite.expiresAt! - byAdmin.invite.createdAt).toBeGreaterThan(2 * 3600_000 - 5_000);
    expect((await service.listInvites({ actorId: ticketmaster.id })).map((i) => i.id)).not.toContain(byAdmin.invite.id);
    expect((await service.listInvites({ actorId: admin.id })).map((i) => i.id)).toContain(byAdmin.invite.id);
    expect((await failure(service.revokeInvite({ actorId: ticketmaster.id, id: byAdmin.invite.id }))).code).toBe('NOT_FOUND');
    const participant = await service.register({ token: byAdmin.token, username: name('org'), displayName: 'Org', password: 'organiser-pw-1', clientIp: null });
    expect((await failure(service.createInvite({ actorId: participant.id, role: 'participant' }))).code).toBe('FORBIDDEN');
  });

  it('changes a password: the old one stops working, a wrong current one is refused', async () => {
    const { token } = await service.createInvite({ actorId: ticketmaster.id, role: 'participant' });
    const account = await service.register({ token, username: name('pw'), displayName: 'Pw', password: 'first-password', clientIp: null });
    const before = await service.checkCredentials({ username: name('pw'), password: 'first-password', clientIp: null });
    expect(await failure(service.changePassword({ userId: account.id, currentPassword: 'nope-nope', newPassword: 'second-password', clientIp: null }))).toMatchObject({ field: 'currentPassword' });
    await service.changePassword({ userId: account.id, currentPassword: 'first-password', newPassword: 'second-password', clientIp: null });
    expect((await failure(service.checkCredentials({ username: name('pw'), password: 'first-password', clientIp: null }))).code).toBe('UNAUTHENTICATED');
    const after = await service.checkCredentials({ username: name('pw'), password: 'second-password', clientIp: null });
    expect(after.passwordChangedAt).toBeGreaterThan(before.passwordChangedAt);
  });

  it('rate limits sign-in per address and username: it kicks in, says when to retry, and lifts', async () => {
    let now = Date.UTC(2030, 0, 1);
    const limited = createAccountsService({
      users: createUserRepository(db),
      invites: createInviteRepository(db),
      sessions: createAccountSessionRepository(db),
      logger,
      passwordParams: cheap,
      now: () => now,
      limits: { signIn: { perAddressAndUsername: { limit: 3, windowMs: 60_000 }, perAddress: generous, perUsername: generous } },
    });
    const attempt = (password: string) => limited.checkCredentials({ username: name('admin'), password, clientIp: '10.7.7.7' });
    for (let i = 0; i < 3; i++) expect((await failure(attempt('wrong'))).code).toBe('UNAUTHENTICATED');
    now += 20_000;
    const refused = await failure(attempt('admin-password-1'));
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 40 });
    expect(refused.userMessage).toBe('Too many attempts; try again in 40 s.');
    now += 40_001;
    expect(await attempt('admin-password-1')).toMatchObject({ username: name('admin') });
  });

  it('upgrades a weaker hash on sign-in without ending sessions', async () => {
    const users = createUserRepository(db);
    const weak = await users.create({ username: name('weak'), displayName: 'Weak', role: 'participant', passwordHash: await hashPassword('weak-hash-pw', { logN: 8, r: 8, p: 1 }) });
    const first = await service.checkCredentials({ username: name('weak'), password: 'weak-hash-pw', clientIp: null });
    const stored = await users.findLoginById(weak.id);
    expect(stored?.passwordHash).toMatch(/^scrypt\$10\$/);
    expect(stored?.passwordChangedAt.getTime()).toBe(first.passwordChangedAt);
    expect((await service.checkCredentials({ username: name('weak'), password: 'weak-hash-pw', clientIp: null })).passwordChangedAt).toBe(first.passwordChangedAt);
  });

  it('answers "no such user" and "wrong password" alike', async () => {
    const unknown = await failure(service.checkCredentials({ username: name('ghost'), password: 'whatever-pw', clientIp: null }));
    const wrong = await failure(service.checkCredentials({ username: name('admin'), password: 'whatever-pw', clientIp: null }));
    expect(unknown.code).toBe(wrong.code);
    expect(unknown.userMessage).toBe(wrong.userMessage);
  });

  it('a sign-in starts a session on the server; signing out ends it; an admin (only) ends all of an account\'s', async () => {
    const sessions = createAccountSessionRepository(db);
    const { token } = await service.createInvite({ actorId: ticketmaster.id, role: 'participant' });
    const account = await service.register({ token, username: name('sess'), displayName: 'Sess', password: 'session-password', clientIp: null });
    const signIn = () => service.checkCredentials({ username: name('sess'), password: 'session-password', clientIp: '10.4.4.4' });
    const laptop = await signIn();
    const phone = await signIn();
    expect(laptop.sessionId).not.toBe(phone.sessionId);
    expect(await sessions.findAccount(laptop.sessionId)).toMatchObject({ id: account.id, username: name('sess') });

    await service.endSession({ sessionId: laptop.sessionId });
    expect(await sessions.findAccount(laptop.sessionId)).toBeNull();
    expect(await sessions.findAccount(phone.sessionId)).toMatchObject({ id: account.id });

    const tablet = await signIn();
    expect((await failure(service.endAllSessions({ actorId: ticketmaster.id, username: name('sess') }))).code).toBe('FORBIDDEN');
    expect((await failure(service.endAllSessions({ actorId: admin.id, username: name('nobody') }))).code).toBe('NOT_FOUND');
    expect(await service.endAllSessions({ actorId: admin.id, username: name('sess') })).toEqual({ ended: 2 });
    expect(await sessions.findAccount(phone.sessionId)).toBeNull();
    expect(await sessions.findAccount(tablet.sessionId)).toBeNull();
    // A later sign-in works as before.
    expect(await sessions.findAccount((await signIn()).sessionId)).toMatchObject({ id: account.id });
  });

  it('offers a bootstrap admin invite only while no admin exists', async () => {
    expect(await service.createBootstrapInvite()).toBeNull();
  });
});
