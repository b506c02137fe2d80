/**
 * What a sign-in costs with the password hashing parameters (`node --import tsx infra/bench/sign-in.ts`):
 * one scrypt hash at the earlier (2^15) and the current (2^17) cost, then the accounts
 * service's credentials check (the path every sign-in takes in apps/auth: rate limits,
 * lookup, verify; the first sign-in of an older hash also rehashes it) alone and under
 * a burst of concurrent sign-ins. The user records are in memory: the figures are
 * the hashing and its queueing, not PostgreSQL. Prints one line per figure.
 */
import { availableParallelism } from 'node:os';
import type { InviteRepository, LoginRecord, UserRepository } from '@padmeet/data';
import { createFakeAccountSessionRepository } from '@padmeet/data/testing';
import { createAccountsService, DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from '@padmeet/accounts';
import { createLogger } from '@padmeet/util';
import { percentile } from './support';

const EARLIER: ScryptParams = { logN: 15, r: 8, p: 1 };
const ms = (since: number) => performance.now() - since;
const fmt = (value: number) => `${Math.round(value)} ms`;

async function timeHash(params: ScryptParams, runs: number) {
  const stored = await hashPassword('benchmark-password', params);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await verifyPassword('benchmark-password', stored);
    times.push(ms(started));
  }
  return times.sort((a, b) => a - b);
}

function users(records: LoginRecord[]): UserRepository {
  return {
    findLoginByUsername: async (username: string) => records.find((r) => r.username === username) ?? null,
    upgradeHash: async (id: string, passwordHash: string) => void (records.find((r) => r.id === id)!.passwordHash = passwordHash),
  } as unknown as UserRepository;
}

async function main() {
  console.log(`sign-in bench: ${availableParallelism()} cores, Node ${process.version}, current parameters N=2^${DEFAULT_SCRYPT_PARAMS.logN} r=${DEFAULT_SCRYPT_PARAMS.r} p=${DEFAULT_SCRYPT_PARAMS.p}`);
  for (const params of [EARLIER, DEFAULT_SCRYPT_PARAMS]) {
    const times = await timeHash(params, 10);
    console.log(`scrypt N=2^${params.logN} r=${params.r} p=${params.p} (${(128 * 2 ** params.logN * params.r) / 2 ** 20} MiB): p50 ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))} per hash`);
  }

  const count = 16;
  const records: LoginRecord[] = [];
  for (let i = 0; i < count; i++) {
    records.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      username: `bench-${i}`,
      displayName: `Bench ${i}`,
      role: 'participant',
      passwordHash: await hashPassword(`password-${i}`, EARLIER),
      passwordChangedAt: new Date(0),
    });
  }
  const service = createAccountsService({ users: users(records), invites: {} as InviteRepository, sessions: createFakeAccountSessionRepository(), logger: createLogger({ name: 'bench', level: 'silent' }) });
  const signIn = (i: number) => service.checkCredentials({ username: `bench-${i}`, password: `password-${i}`, clientIp: `192.0.2.${i}` });

  let started = performance.now();
  await signIn(0);
  console.log(`sign-in with an earlier (2^15) hash, rehashed at 2^${DEFAULT_SCRYPT_PARAMS.logN}: ${fmt(ms(started))}`);
  started = performance.now();
  await signIn(0);
  console.log(`sign-in at the current cost, alone: ${fmt(ms(started))}`);
  for (let i = 1; i < count; i++) await signIn(i);

  started = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const own = performance.now();
      await signIn(i);
      return ms(own);
    }),
  );
  const wall = ms(started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${count} concurrent sign-ins at the current cost: ${(count / wall).toFixed(1)} sign-ins/s, latency p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, max ${fmt(latencies.at(-1)!)}; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
  );
}

await main();
