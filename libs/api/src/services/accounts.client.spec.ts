import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@padmeet/util';
import { createAccountsClient } from './accounts.client';

// A stand-in for apps/auth answering like it does; checks how the client maps answers to AppErrors.
const answers: Record<string, { status: number; body: unknown }> = {};
let lastAuthorization: string | undefined;

describe('accounts client (web → auth service channel)', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      lastAuthorization = req.headers.authorization;
      const answer = answers[req.url ?? ''] ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no' } } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
    return error;
  };
  const creds = { username: 'ada', password: 'pw', clientIp: '203.0.113.1' };

  it('presents the service secret and returns the validated answer', async () => {
    answers['/v1/credentials'] = { status: 200, body: { id: '00000000-0000-4000-8000-000000000001', username: 'ada', displayName: 'Ada', role: 'chair', passwordChangedAt: 5, sessionId: '00000000-0000-4000-8000-0000000005e1' } };
    expect(await createAccountsClient({ url, secret: 'the-secret' }).checkCredentials(creds)).toMatchObject({ role: 'chair', passwordChangedAt: 5 });
    expect(lastAuthorization).toBe('Bearer the-secret');
  });

  it('keeps "try again in N s" with its retry-after, and field errors with their field', async () => {
    answers['/v1/credentials'] = { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Too many attempts; try again in 42 s.', retryAfterSeconds: 42 } } };
    expect(await failure(createAccountsClient({ url, secret: 's' }).checkCredentials(creds))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 42, userMessage: 'Too many attempts; try again in 42 s.' });
    answers['/v1/registrations'] = { status: 409, body: { error: { code: 'CONFLICT', message: 'The username "ada" is taken.', field: 'username' } } };
    const taken = await failure(createAccountsClient({ url, secret: 's' }).register({ ...creds, token: 'x', displayName: 'Ada' }));
    expect(taken).toMatchObject({ code: 'CONFLICT', field: 'username' });
  });

  it('reports a refused service secret, a malformed answer or a dead service as UNAVAILABLE', async () => {
    answers['/v1/invites/list'] = { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'This endpoint is for padmeet services only.' } } };
    expect((await failure(createAccountsClient({ url, secret: 'wrong' }).listInvites({ actorId: 'a' }))).code).toBe('UNAVAILABLE');
    answers['/v1/invites/list'] = { status: 200, body: [{ nonsense: true }] };
    expect((await failure(createAccountsClient({ url, secret: 's' }).listInvites({ actorId: 'a' }))).code).toBe('UNAVAILABLE');
    expect((await failure(createAccountsClient({ url: 'http://127.0.0.1:1', secret: 's', timeoutMs: 2_000 }).listInvites({ actorId: 'a' }))).code).toBe('UNAVAILABLE');
  });
});
