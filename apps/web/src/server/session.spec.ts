import { describe, expect, it } from 'vitest';
import { claimsFromSignIn, clientIpOf, resolveViewer } from './session';

const account = { id: '00000000-0000-4000-8000-000000000001', username: 'ada', displayName: 'Ada', role: 'participant' as const };

describe('session claims → viewer', () => {
  const signedInAt = Date.UTC(2026, 0, 1);
  const claims = claimsFromSignIn({ ...account, passwordChangedAt: signedInAt });

  it('resolves the account as the database knows it now (current role and name)', async () => {
    const viewer = await resolveViewer(claims, async () => ({ ...account, role: 'chair', displayName: 'Ada L.', passwordChangedAt: new Date(signedInAt) }));
    expect(viewer).toEqual({ userId: account.id, username: 'ada', role: 'chair', displayName: 'Ada L.' });
  });

  it('ends the session when the password changed after sign-in, or the account is gone', async () => {
    expect(await resolveViewer(claims, async () => ({ ...account, passwordChangedAt: new Date(signedInAt + 1) }))).toBeNull();
    expect(await resolveViewer(claims, async () => null)).toBeNull();
  });

  it('treats missing or malformed claims as no session, without a database call', async () => {
    let calls = 0;
    const find = async () => {
      calls++;
      return { ...account, passwordChangedAt: new Date(0) };
    };
    expect(await resolveViewer(null, find)).toBeNull();
    expect(await resolveViewer({ sub: 'not-a-uuid', username: 'x', role: 'admin', displayName: 'x', pwdAt: 0 }, find)).toBeNull();
    expect(await resolveViewer({ ...claims, role: 'guest' }, find)).toBeNull();
    expect(calls).toBe(0);
  });
});

describe('client address', () => {
  it('takes the first X-Forwarded-For hop, then X-Real-IP', () => {
    expect(clientIpOf(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9');
    expect(clientIpOf({ 'x-real-ip': '198.51.100.2' })).toBe('198.51.100.2');
    expect(clientIpOf({})).toBeNull();
    expect(clientIpOf(undefined)).toBeNull();
  });
});
