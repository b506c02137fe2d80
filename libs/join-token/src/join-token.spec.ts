import { describe, expect, it, beforeAll } from 'vitest';
import { SignJWT, importPKCS8 } from 'jose';
import { isAppError } from '@padmeet/util';
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair, computeExpiry } from './index';
import type { JoinTokenSigner, JoinTokenVerifier } from './index';

const grants = { room: 'zuul-planning', name: 'Ada', role: 'guest', canPublish: true } as const;

async function expectRejected(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error)).toBe(true);
  if (isAppError(error)) {
    expect(error.code).toBe(code);
    if (message) expect(error.userMessage).toMatch(message);
  }
}

describe('join tokens', () => {
  let signer: JoinTokenSigner;
  let verifier: JoinTokenVerifier;
  let otherSigner: JoinTokenSigner;
  let privateKeyPem: string;

  beforeAll(async () => {
    const pair = await generateJoinTokenKeyPair();
    privateKeyPem = pair.privateKeyPem;
    signer = await createJoinTokenSigner(pair.privateKeyPem);
    verifier = await createJoinTokenVerifier(pair.publicKeyPem);
    otherSigner = await createJoinTokenSigner((await generateJoinTokenKeyPair()).privateKeyPem);
  });

  it('round-trips grants through sign and verify', async () => {
    const { token, expiresAt } = await signer.sign(grants, { subject: 'guest:1' });
    const claims = await verifier.verify(token, { expectedRoom: 'zuul-planning' });
    expect(claims).toMatchObject({ ...grants, sub: 'guest:1' });
    expect(claims.exp * 1000).toBe(expiresAt);
  });

  it("carries the room's capacity for the SFU to enforce, null when the room has no limit", async () => {
    const limited = await signer.sign({ ...grants, capacity: 25 }, { subject: 'guest:1' });
    expect(await verifier.verify(limited.token, { expectedRoom: 'zuul-planning' })).toMatchObject({ capacity: 25 });
    const open = await signer.sign(grants, { subject: 'guest:1' });
    expect((await verifier.verify(open.token)).capacity).toBeNull();
  });

  it('carries loadTest only when asked for it (load-test tokens of infra/bench/capacity)', async () => {
    const load = await signer.sign({ ...grants, loadTest: true }, { subject: 'synthetic-1' });
    expect((await verifier.verify(load.token)).loadTest).toBe(true);
    const plain = await signer.sign({ ...grants, loadTest: false }, { subject: 'guest:1' });
    expect((await verifier.verify(plain.token)).loadTest).toBeUndefined();
  });

  it('signs the grants and nothing else a caller passes along', async () => {
    const { token } = await signer.sign({ ...grants, admin: true } as typeof grants, { subject: 'guest:1' });
    expect(await verifier.verify(token)).not.toHaveProperty('admin');
  });

  it('refuses a token signed with another key', async () => {
    const { token } = await otherSigner.sign(grants, { subject: 'guest:1' });
    await expectRejected(verifier.verify(token), 'UNAUTHENTICATED', /not valid/);
  });

  it('refuses a token for another room', async () => {
    const { token } = await signer.sign(grants, { subject: 'guest:1' });
    await expectRejected(verifier.verify(token, { expectedRoom: 'nova' }), 'FORBIDDEN', /zuul-planning/);
  });

  it('refuses an expired token', async () => {
    const now = Date.now();
    const { token, expiresAt } = await signer.sign(grants, { subject: 'guest:1', now, ttlSeconds: 60 });
    await expectRejected(verifier.verify(token, { now: expiresAt + 1000 }), 'UNAUTHENTICATED', /expired/);
  });

  it('refuses a tampered payload', async () => {
    const { token } = await signer.sign(grants, { subject: 'guest:1' });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...grants, role: 'admin' })).toString('base64url');
    await expectRejected(verifier.verify(`${header}.${forged}.${signature}`), 'UNAUTHENTICATED');
  });

  it('refuses a correctly signed token with malformed grants', async () => {
    const key = await importPKCS8(privateKeyPem, 'EdDSA');
    const token = await new SignJWT({ room: 'Not A Slug', name: 'x', role: 'root', canPublish: 'yes' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('padmeet-auth')
      .setAudience('padmeet-sfu')
      .setSubject('x')
      .setJti('j')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    await expectRejected(verifier.verify(token), 'UNAUTHENTICATED', /grants/);
  });

  it('refuses (CONFLICT) to sign for a session that has already ended', async () => {
    const now = Date.now();
    await expectRejected(signer.sign(grants, { subject: 's', now, notAfter: now - 10 * 60_000 }), 'CONFLICT', /already ended/);
  });
});

describe('computeExpiry', () => {
  const now = Date.UTC(2026, 10, 25, 10, 0, 0);
  it('uses the default life when no session bounds it', () => {
    expect(computeExpiry(now, undefined, 600)).toBe(now / 1000 + 600);
  });
  it('never outlives the session end plus grace', () => {
    const sessionEnd = now + 60_000;
    expect(computeExpiry(now, sessionEnd, 3600)).toBe(sessionEnd / 1000 + 300);
  });
  it('keeps the short life when the session ends later', () => {
    expect(computeExpiry(now, now + 8 * 3600_000, 600)).toBe(now / 1000 + 600);
  });
});
