import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnProductionServer, stackWebEnv, waitUntilServing } from './testing/production-server';

// Rate limits key on the client's address. The production server (src/main.ts) decides
// that address: behind one trusted proxy, the entry that proxy appended to
// X-Forwarded-For — not the ones a client writes in front of it to look like many people.
// Runs the test stack's build with PADMEET_TRUSTED_PROXIES=1 against the real auth service.
let web: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  web = spawnProductionServer(port, { ...stackWebEnv(), NEXTAUTH_URL: base, PADMEET_TRUSTED_PROXIES: '1' });
  web.stderr?.pipe(process.stderr);
  await waitUntilServing(web, () => fetch(`${base}/api/healthz`).then((r) => r.ok));
}, 90_000);

afterAll(() => {
  web?.kill('SIGTERM');
});

/** One registration with a well-formed but unknown invite token (a failed attempt), as `forwardedFor`. */
async function register(forwardedFor: string): Promise<{ status: number; message: string }> {
  const input = { token: `pmi_${randomBytes(32).toString('base64url')}`, username: `xff${randomBytes(4).toString('hex')}`, displayName: 'Probe', password: 'a long enough password 1' };
  const response = await fetch(`${base}/api/trpc/account.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json()) as { error?: { json?: { message?: string } } };
  return { status: response.status, message: body.error?.json?.message ?? '' };
}

describe('client address behind one trusted proxy', () => {
  it('limits by the address the proxy saw, however many addresses the client puts in front of it', async () => {
    // Documentation ranges, a fresh pair per run so earlier runs' counts do not matter.
    const seenByProxy = `198.51.100.${randomInt(1, 255)}`;
    const other = `192.0.2.${randomInt(1, 255)}`;
    const results = [];
    // Registration allows 10 failed attempts per address in 15 minutes.
    for (let i = 0; i < 11; i++) results.push(await register(`203.0.113.${i + 1}, ${seenByProxy}`));
    expect(results.slice(0, 10).map((r) => r.status)).not.toContain(429);
    expect(results[10]).toMatchObject({ status: 429, message: expect.stringMatching(/try again in \d+ s/i) });
    // Another client behind the same proxy is not affected.
    expect((await register(`203.0.113.1, ${other}`)).status).not.toBe(429);
  }, 60_000);
});
