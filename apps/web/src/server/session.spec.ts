import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { createFakeAccountSessionRepository } from '@padmeet/data/testing';
import { claimsFromSignIn, resolveViewer, sessionTokenOf } from './session';

const account = { id: '00000000-0000-4000-8000-000000000001', username: 'ada', displayName: 'Ada', role: 'participant' as const };

describe('session claims → viewer', () => {
  const signedInAt = Date.UTC(2026, 0, 1);
  const claims = claimsFromSignIn({ ...account, passwordChangedAt: signedInAt, sessionId: '00000000-0000-4000-8000-0000000005e1' });

  it('resolves the account as the database knows it now (current role and name)', async () => {
    const viewer = await resolveViewer(claims, async () => ({ ...account, role: 'chair', displayName: 'Ada L.', passwordChangedAt: new Date(signedInAt) }));
    expect(viewer).toEqual({ userId: account.id, username: 'ada', role: 'chair', displayName: 'Ada L.' });
  });

  it('ends the session when the password changed after sign-in, or the account is gone', async () => {
    expect(await resolveViewer(claims, async () => ({ ...account, passwordChangedAt: new Date(signedInAt + 1) }))).toBeNull();
    expect(await resolveViewer(claims, async () => null)).toBeNull();
  });

  it('a copied cookie stops working once its session is ended on the server: by signing out, or by an admin for all sessions', async () => {
    const sessions = createFakeAccountSessionRepository((id) => (id === account.id ? { ...account, passwordChangedAt: new Date(signedInAt) } : null));
    const expires = new Date(Date.now() + 3_600_000);
    const cookieOf = async () => claimsFromSignIn({ ...account, passwordChangedAt: signedInAt, sessionId: await sessions.start(account.id, expires) });
    const live = (claims: unknown) => resolveViewer(claims, (sid) => sessions.findAccount(sid));

    const signedOut = await cookieOf();
    const stolen = { ...signedOut };
    expect(await live(stolen)).toMatchObject({ userId: account.id });
    await sessions.end(signedOut.sid);
    expect(await live(stolen)).toBeNull();

    const laptop = await cookieOf();
    const phone = await cookieOf();
    expect(await live(phone)).toMatchObject({ userId: account.id });
    expect(await sessions.endAllOf(account.id)).toBe(2);
    expect(await live(laptop)).toBeNull();
    expect(await live(phone)).toBeNull();
  });

  it('a session of another account never resolves (the cookie names both)', async () => {
    expect(await resolveViewer(claims, async () => ({ ...account, id: '00000000-0000-4000-8000-000000000002', passwordChangedAt: new Date(signedInAt) }))).toBeNull();
  });

  it('treats missing or malformed claims as no session, without a database call', async () => {
    let calls = 0;
    const find = async () => {
      calls++;
      return { ...account, passwordChangedAt: new Date(0) };
    };
    expect(await resolveViewer(null, find)).toBeNull();
    expect(await resolveViewer({ sub: 'not-a-uuid', username: 'x', role: 'admin', displayName: 'x', pwdAt: 0 }, find)).toBeNull();
    // A cookie from before server-side sessions (no `sid`) is no session.
    const { sid: _sid, ...withoutSession } = claims;
    expect(await resolveViewer(withoutSession, find)).toBeNull();
    expect(await resolveViewer({ ...claims, role: 'guest' }, find)).toBeNull();
    expect(calls).toBe(0);
  });
});

describe('cookies', () => {
  const secret = 'n'.repeat(40);

  it('the session still reads beside a cookie with a stray `%` (every tRPC call resolves its viewer this way)', async () => {
    const session = await encode({ token: { sub: account.id, username: 'ada' }, secret });
    const headers = new Headers({ cookie: `other=100%; next-auth.session-token=${session}; more=%zz` });
    expect(await sessionTokenOf(headers, { secret, secureCookie: false })).toMatchObject({ sub: account.id, username: 'ada' });
    expect(await sessionTokenOf(new Headers({ cookie: 'other=100%' }), { secret, secureCookie: false })).toBeNull();
  });
});
