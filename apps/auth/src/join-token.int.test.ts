import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '@padmeet/accounts';
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair, type JoinTokenVerifier } from '@padmeet/join-token';
import { createLogger, isAppError } from '@padmeet/util';
import { createAuthServer } from './server';

// Join tokens issued by the auth HTTP service, checked by the verifier the SFU uses (public key only).
const secret = 'j'.repeat(40);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('join tokens from apps/auth, verified as the SFU does', () => {
  let server: Server;
  let base: string;
  let verifier: JoinTokenVerifier;
  let strangerVerifier: JoinTokenVerifier;

  beforeAll(async () => {
    const pair = await generateJoinTokenKeyPair();
    verifier = await createJoinTokenVerifier(pair.publicKeyPem);
    strangerVerifier = await createJoinTokenVerifier((await generateJoinTokenKeyPair()).publicKeyPem);
    server = createAuthServer({
      serviceSecret: secret,
      signer: await createJoinTokenSigner(pair.privateKeyPem),
      accounts: {} as AccountsService,
      checkDatabase: async () => undefined,
      logger: createLogger({ name: 'jt', level: 'silent' }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const issue = async (body: Record<string, unknown>) => {
    const res = await fetch(`${base}/v1/join-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ room: 'nova-ptg', name: 'Ada Lovelace', role: 'chair', canPublish: true, subject: '00000000-0000-4000-8000-000000000001', ...body }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { token: string; expiresAt: number };
  };

  it('carries the signed-in identity: name, role, subject', async () => {
    const { token } = await issue({});
    expect(await verifier.verify(token, { expectedRoom: 'nova-ptg' })).toMatchObject({ name: 'Ada Lovelace', role: 'chair', sub: '00000000-0000-4000-8000-000000000001', canPublish: true });
  });

  it('is refused when signed with another key', async () => {
    const { token } = await issue({});
    expect((await refusal(strangerVerifier.verify(token, { expectedRoom: 'nova-ptg' }))).code).toBe('UNAUTHENTICATED');
  });

  it('is refused for another room', async () => {
    const { token } = await issue({});
    expect((await refusal(verifier.verify(token, { expectedRoom: 'zuul-planning' }))).code).toBe('FORBIDDEN');
  });

  it('is refused after its expiry, which the session end bounds (plus grace)', async () => {
    const sessionEnd = Date.now() + 60_000;
    const { token, expiresAt } = await issue({ notAfter: sessionEnd });
    expect(expiresAt).toBeLessThanOrEqual(sessionEnd + 5 * 60_000);
    expect(await verifier.verify(token, { expectedRoom: 'nova-ptg', now: expiresAt - 1_000 })).toMatchObject({ room: 'nova-ptg' });
    const expired = await refusal(verifier.verify(token, { expectedRoom: 'nova-ptg', now: expiresAt + 1_000 }));
    expect(expired.code).toBe('UNAUTHENTICATED');
    expect(expired.userMessage).toMatch(/expired/);
  });
});
