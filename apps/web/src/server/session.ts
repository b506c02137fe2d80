import { getToken, type JWT } from 'next-auth/jwt';
import { z } from 'zod';
import { accountRoleSchema, type Account, type Viewer } from '@padmeet/contract';
import { parseCookieHeader } from '@padmeet/util';

/**
 * What the session cookie (next-auth JWT, encrypted with NEXTAUTH_SECRET)
 * carries: the server-side session it stands for, who signed in and when their
 * password had last changed then.
 */
export const sessionClaimsSchema = z.object({
  /** The account_session row: while it exists the cookie is good; sign-out deletes it. */
  sid: z.uuid(),
  sub: z.uuid(),
  username: z.string().min(1),
  role: accountRoleSchema,
  displayName: z.string().min(1),
  /** passwordChangedAt (ms) at sign-in: a later password change ends this session. */
  pwdAt: z.number().int(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export function claimsFromSignIn(account: Account & { passwordChangedAt: number; sessionId: string }): SessionClaims {
  return { sid: account.sessionId, sub: account.id, username: account.username, role: account.role, displayName: account.displayName, pwdAt: account.passwordChangedAt };
}

/**
 * The viewer of a request: the session's account as the database knows it NOW
 * (current role and name), or null when there is no valid session, the session
 * was ended (sign-out, an admin), the account is gone, or its password changed
 * after the session began.
 */
export async function resolveViewer(
  claims: unknown,
  findLiveSession: (sessionId: string) => Promise<(Account & { passwordChangedAt: Date }) | null>,
): Promise<Viewer | null> {
  const parsed = sessionClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const account = await findLiveSession(parsed.data.sid);
  if (!account || account.id !== parsed.data.sub) return null;
  if (account.passwordChangedAt.getTime() > parsed.data.pwdAt) return null;
  return { userId: account.id, username: account.username, role: account.role, displayName: account.displayName };
}

/**
 * The viewer of a request from its headers alone: its session cookie, checked against the database
 * (resolveViewer). Next's handlers (server/auth.ts) and the web server in front of Next use it.
 */
export async function viewerOfHeaders(
  headers: Headers,
  options: { secret: string; secureCookie: boolean; findLiveSession: (sessionId: string) => Promise<(Account & { passwordChangedAt: Date }) | null> },
): Promise<Viewer | null> {
  return resolveViewer(await sessionTokenOf(headers, options), options.findLiveSession);
}

/** The decoded next-auth session cookie of a request (null when absent or not ours); other cookies never make it fail. */
export function sessionTokenOf(headers: Headers, options: { secret: string; secureCookie: boolean }): Promise<JWT | null> {
  return getToken({
    req: { headers: Object.fromEntries(headers.entries()), cookies: parseCookieHeader(headers.get('cookie')) } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: options.secret,
    secureCookie: options.secureCookie,
  });
}
