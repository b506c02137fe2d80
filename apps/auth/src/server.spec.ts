import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair, type JoinTokenVerifier } from '@padmeet/join-token';
import type { AccountsService } from '@padmeet/accounts';
import { AppError, createLogger } from '@padmeet/util';
import { createAuthServer } from './server';

const secret = 's'.repeat(40);

/** Hand-written fake: sign-ins for "ada" succeed, everything else is rate limited. */
const accounts: AccountsService = {
  async checkCredentials(request) {
    if (request.username === 'ada' && request.password === 'right-password') {
      return { id: '00000000-0000-4000-8000-000000000001', username: 'ada', displayName: 'Ada', role: 'participant', passwordChangedAt: 1, sessionId: '00000000-0000-4000-8000-0000000005e1' };
    }
    throw new AppError('RATE_LIMITED', { userMessage: 'Too many attempts; try again in 42 s.', retryAfterSeconds: 42 });
  },
  register: async () => {
    throw new AppError('BAD_INPUT', { userMessage: 'bad token', field: 'token' });
  },
  changePassword: async () => undefined,
  endSession: async () => undefined,
  endAllSessions: async () => {
    throw new AppError('FORBIDDEN', { userMessage: 'Only admins end the sessions of an account.' });
  },
  createInvite: async () => {
    throw new AppError('FORBIDDEN');
  },
  listInvites: async () => [],
  revokeInvite: async () => {
    throw new AppError('NOT_FOUND');
  },
  createBootstrapInvite: async () => null,
};

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
      accounts,
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

  it("signs the room's capacity into the token (the SFU enforces it at join)", async () => {
    const res = await post({ ...request, capacity: 40 });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    expect(await verifier.verify(token, { expectedRoom: 'zuul-planning' })).toMatchObject({ capacity: 40, canPublish: true });
    expect((await post({ ...request, capacity: 0 })).status).toBe(400);
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

  it('answers 409 CONFLICT with a message for a session that has ended', async () => {
    const res = await post({ ...request, notAfter: Date.now() - 3600_000 });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'CONFLICT', message: 'This session has already ended.' } });
  });

  const call = (path: string, body: unknown, auth = `Bearer ${secret}`) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('checks credentials for the web app only, and answers 429 with Retry-After when rate limited', async () => {
    const creds = { username: 'ada', password: 'right-password', clientIp: '10.0.0.1' };
    expect((await call('/v1/credentials', creds, 'Bearer nope')).status).toBe(401);
    const ok = await call('/v1/credentials', creds);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ username: 'ada', role: 'participant' });
    const limited = await call('/v1/credentials', { ...creds, password: 'wrong' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('42');
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } });
  });

  it('guards every account route with the service secret and validates bodies', async () => {
    for (const path of ['/v1/registrations', '/v1/password', '/v1/sessions/end', '/v1/sessions/end-all', '/v1/invites', '/v1/invites/list', '/v1/invites/revoke']) {
      expect((await call(path, {}, 'Bearer wrong')).status).toBe(401);
      expect((await call(path, {})).status).toBe(400);
    }
    const res = await call('/v1/registrations', { token: 'nope', username: 'ada', displayName: 'Ada', password: 'long-enough-pw', clientIp: null });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: 'token' } });
  });

  it('answers 404 for unknown routes', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
