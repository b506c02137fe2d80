import { describe, expect, it } from 'vitest';
import type { InviteRepository, LoginRecord, UserRepository } from '@padmeet/data';
import { createFakeAccountSessionRepository } from '@padmeet/data/testing';
import { createLogger, isAppError } from '@padmeet/util';
import { createAccountsService } from './accounts-service';
import { hashPassword, parsePasswordHash } from './password';

/** The users the sign-in check reads and the hash upgrades it writes; nothing else is reached. */
function fakeUsers(records: LoginRecord[]): UserRepository & { upgrades: number } {
  const unused = () => {
    throw new Error('not used by sign-in');
  };
  const fake = {
    upgrades: 0,
    findLoginByUsername: async (username: string) => records.find((r) => r.username === username) ?? null,
    findLoginById: async (id: string) => records.find((r) => r.id === id) ?? null,
    async upgradeHash(id: string, passwordHash: string) {
      fake.upgrades++;
      records.find((r) => r.id === id)!.passwordHash = passwordHash;
    },
    findAccount: unused,
    usernameTaken: unused,
    updatePassword: unused,
    create: unused,
    countByRole: unused,
  };
  return fake as unknown as UserRepository & { upgrades: number };
}

const logger = createLogger({ name: 'accounts-spec', level: 'silent' });
const invites = {} as InviteRepository;

async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error && !isAppError(error)) throw error;
  return error;
}

describe('sign-in (accounts service)', () => {
  it('a hash of the earlier cost (2^15) is rehashed at 2^17 after a successful sign-in, and only then', async () => {
    const record: LoginRecord = {
      id: '00000000-0000-4000-8000-000000000015',
      username: 'old-hash',
      displayName: 'Old hash',
      role: 'participant',
      passwordHash: await hashPassword('the-old-password', { logN: 15, r: 8, p: 1 }),
      passwordChangedAt: new Date(Date.UTC(2026, 0, 1)),
    };
    const users = fakeUsers([record]);
    const service = createAccountsService({ users, invites, sessions: createFakeAccountSessionRepository(), logger });
    expect(await refusalOf(service.checkCredentials({ username: 'old-hash', password: 'wrong-password', clientIp: '192.0.2.1' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(users.upgrades).toBe(0);
    const account = await service.checkCredentials({ username: 'old-hash', password: 'the-old-password', clientIp: '192.0.2.1' });
    expect(account.passwordChangedAt).toBe(record.passwordChangedAt.getTime());
    expect(parsePasswordHash(record.passwordHash)?.params).toEqual({ logN: 17, r: 8, p: 1 });
    expect(users.upgrades).toBe(1);
    // The upgraded hash verifies, and is not upgraded again.
    await service.checkCredentials({ username: 'old-hash', password: 'the-old-password', clientIp: '192.0.2.1' });
    expect(users.upgrades).toBe(1);
  }, 20_000);

  it("a stranger's attempts from many addresses do not keep the owner out from the address they signed in from before", async () => {
    const cheap = { logN: 10, r: 8, p: 1 };
    const record: LoginRecord = {
      id: '00000000-0000-4000-8000-000000000016',
      username: 'owner',
      displayName: 'Owner',
      role: 'participant',
      passwordHash: await hashPassword('owner-password', cheap),
      passwordChangedAt: new Date(0),
    };
    const service = createAccountsService({ users: fakeUsers([record]), invites, sessions: createFakeAccountSessionRepository(), logger, passwordParams: cheap });
    await service.checkCredentials({ username: 'owner', password: 'owner-password', clientIp: '2001:db8:42:1::10' });
    // 50 guesses from 50 addresses fill the per-username window (SIGN_IN_LIMITS)…
    for (let i = 0; i < 50; i++) {
      expect(await refusalOf(service.checkCredentials({ username: 'owner', password: `guess-${i}`, clientIp: `198.51.100.${i}` }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(await refusalOf(service.checkCredentials({ username: 'owner', password: 'guess-x', clientIp: '198.51.100.200' }))).toMatchObject({ code: 'RATE_LIMITED' });
    // …yet the owner signs in from home, even from another address of the same IPv6 /64.
    expect(await service.checkCredentials({ username: 'owner', password: 'owner-password', clientIp: '2001:db8:42:1:aaaa::7' })).toMatchObject({ id: record.id });
    // A stranger's browser at a new address is still refused…
    expect(await refusalOf(service.checkCredentials({ username: 'owner', password: 'owner-password', clientIp: '203.0.113.9', deviceId: 'Zz9Zz9Zz9Zz9Zz9Zz9Zz9Z' }))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it("the owner's browser (device ID) that signed in before gets in from a new address while the username window is full", async () => {
    const cheap = { logN: 10, r: 8, p: 1 };
    const record: LoginRecord = {
      id: '00000000-0000-4000-8000-000000000017',
      username: 'traveller',
      displayName: 'Traveller',
      role: 'participant',
      passwordHash: await hashPassword('traveller-password', cheap),
      passwordChangedAt: new Date(0),
    };
    const service = createAccountsService({ users: fakeUsers([record]), invites, sessions: createFakeAccountSessionRepository(), logger, passwordParams: cheap });
    const laptop = 'K7p0cX2pQx6hY4bq1Vw9Zg';
    await service.checkCredentials({ username: 'traveller', password: 'traveller-password', clientIp: '192.0.2.44', deviceId: laptop });
    for (let i = 0; i < 50; i++) await refusalOf(service.checkCredentials({ username: 'traveller', password: `guess-${i}`, clientIp: `198.51.100.${i}` }));
    expect(await service.checkCredentials({ username: 'traveller', password: 'traveller-password', clientIp: '203.0.113.200', deviceId: laptop })).toMatchObject({ id: record.id });
  });
});
