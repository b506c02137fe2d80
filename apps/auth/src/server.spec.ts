import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair, type JoinTokenVerifier } from '@padmeet/join-token';
import { createLogger } from '@padmeet/util';
import { createAuthServer } from './server';

const secret = 's'.repeat(40);

describe('auth HTTP server', () => {
  let server: Server;
  let base: string;
  let verifier: JoinTokenVerifier;
  let databaseUp = true;

  beforeAll(async () => {
    const pair = await generateJoinTokenKeyPair();
    verifier = await createJoinTokenVerifier(pair.publicKeyPem);
    server = createAuthServer({
      serviceSecret: secret,
      signer: await createJoinTokenSigner(pair.privateKeyPem),
      checkDatabase: async () => {
        if (!databaseUp) throw new Error('down');
      },
      logger: createLogger({ name: 'auth-test', level: 'silent' }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = { room: 'zuul-planning', name: 'Ada', role: 'guest', canPublish: true, subject: 'guest:abc' };
  const post = (body: unknown, auth = `Bearer ${secret}`) =>
    fetch(`${base}/v1/join-tokens`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers healthz, and 503 when the database is down', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    databaseUp = false;
    const res = await fetch(`${base}/healthz`);
    databaseUp = true;
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ database: 'unreachable' });
  });

  it('issues a join token the SFU verifier accepts', async () => {
    const res = await post(request);
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    expect(await verifier.verify(token, { expectedRoom: 'zuul-planning' })).toMatchObject({ name: 'Ada', role: 'guest', sub: 'guest:abc' });
  });

  it('refuses callers without the service secret', async () => {
    expect((await post(request, 'Bearer wrong')).status).toBe(401);
    expect((await post(request, '')).status).toBe(401);
  });

  it('names the bad field of an invalid request', async () => {
    const res = await post({ ...request, room: 'Not A Slug' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BAD_INPUT', field: 'room' } });
    expect((await post('{not json')).status).toBe(400);
  });

  it('refuses a token for a session that has ended', async () => {
    const res = await post({ ...request, notAfter: Date.now() - 3600_000 });
    expect(res.status).toBe(403);
  });

  it('answers 404 for unknown routes', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
