import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsService, generateInviteToken, hashPassword } from '@padmeet/accounts';
import { createAccountSessionRepository, createInviteRepository, createUserRepository, disconnectAll, getDb, type Db } from '@padmeet/data';
import { createJoinTokenSigner, generateJoinTokenKeyPair } from '@padmeet/join-token';
import { createLogger } from '@padmeet/util';
import { createAuthServer } from './server';

// The real auth HTTP server with its production rate limits and password cost, on real PostgreSQL.
const databaseUrl = process.env['DATABASE_URL'];
const secret = 'b'.repeat(40);
const run = randomBytes(3).toString('hex');
const victim = `bf${run}-victim`;
const victimPassword = 'the-real-password-42';

describe('brute force against sign-in and invite redemption', () => {
  let db: Db;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    const users = createUserRepository(db);
    await users.create({ username: victim, displayName: 'Victim', role: 'participant', passwordHash: await hashPassword(victimPassword) });
    const accounts = createAccountsService({ users, invites: createInviteRepository(db), sessions: createAccountSessionRepository(db), logger: createLogger({ name: 'bf', level: 'silent' }) });
    server = createAuthServer({
      serviceSecret: secret,
      signer: await createJoinTokenSigner((await generateJoinTokenKeyPair()).privateKeyPem),
      accounts,
      checkDatabase: async () => undefined,
      logger: createLogger({ name: 'bf', level: 'silent' }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.user.deleteMany({ where: { username: { startsWith: `bf${run}-` } } });
    await disconnectAll();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('10,000 wrong passwords and token guesses from several addresses: 0 successes; the real user still signs in promptly', async () => {
    const attackers = ['198.51.100.1', '198.51.100.2', '203.0.113.3', '203.0.113.4'];
    const attempts: (() => Promise<number>)[] = [];
    for (let i = 0; i < 10_000; i++) {
      const clientIp = attackers[i % attackers.length]!;
      if (i % 2 === 0) {
        const username = i % 4 === 0 ? victim : `bf${run}-user${i % 50}`;
        attempts.push(() => post('/v1/credentials', { username, password: `guess-${i}`, clientIp }).then((res) => res.status));
      } else {
        const body = { token: generateInviteToken().token, username: `bf${run}-new${i}`, displayName: 'Intruder', password: 'intruder-password', clientIp };
        attempts.push(() => post('/v1/registrations', body).then((res) => res.status));
      }
    }

    const statuses: number[] = [];
    let next = 0;
    let legit: { status: number; ms: number } | undefined;
    const worker = async () => {
      while (next < attempts.length) {
        const index = next++;
        statuses.push(await attempts[index]!());
        if (index === 3_000) {
          // In the middle of the burst, the real user signs in from their own address.
          const started = performance.now();
          const res = await post('/v1/credentials', { username: victim, password: victimPassword, clientIp: '192.0.2.77' });
          legit = { status: res.status, ms: Math.round(performance.now() - started) };
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 64 }, worker));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    const count = (status: number) => statuses.filter((s) => s === status).length;
    console.log(
      `brute force: ${statuses.length} attempts in ${seconds} s → 429 ×${count(429)}, 401 ×${count(401)}, 400 ×${count(400)}, ` +
        `2xx ×${statuses.filter((s) => s < 300).length}; legitimate sign-in during the burst: ${legit?.status} in ${legit?.ms} ms`,
    );
    expect(statuses).toHaveLength(10_000);
    expect(statuses.filter((s) => s < 300)).toHaveLength(0);
    expect(count(429)).toBeGreaterThan(9_000);
    expect(await db.user.count({ where: { username: { startsWith: `bf${run}-new` } } })).toBe(0);
    expect(legit?.status).toBe(200);
    expect(legit?.ms).toBeLessThan(10_000);
  }, 300_000);
});
