import { z } from 'zod';
import { accountRoleSchema, type Account, type Viewer } from '@padmeet/contract';

/**
 * What the session cookie (next-auth JWT, encrypted with NEXTAUTH_SECRET)
 * carries: who signed in and when their password had last changed then.
 */
export const sessionClaimsSchema = z.object({
  sub: z.uuid(),
  username: z.string().min(1),
  role: accountRoleSchema,
  displayName: z.string().min(1),
  /** passwordChangedAt (ms) at sign-in: a later password change ends this session. */
  pwdAt: z.number().int(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export function claimsFromSignIn(account: Account & { passwordChangedAt: number }): SessionClaims {
  return { sub: account.id, username: account.username, role: account.role, displayName: account.displayName, pwdAt: account.passwordChangedAt };
}

/**
 * The viewer of a request: the session's account as the database knows it NOW
 * (current role and name), or null when there is no valid session, the account
 * is gone, or its password changed after the session began.
 */
export async function resolveViewer(
  claims: unknown,
  findAccount: (id: string) => Promise<(Account & { passwordChangedAt: Date }) | null>,
): Promise<Viewer | null> {
  const parsed = sessionClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  const account = await findAccount(parsed.data.sub);
  if (!account) return null;
  if (account.passwordChangedAt.getTime() > parsed.data.pwdAt) return null;
  return { userId: account.id, username: account.username, role: account.role, displayName: account.displayName };
}

/** The client address for rate limits: X-Forwarded-For, which the production server (src/main.ts) sets to the one address it vouches for. */
export function clientIpOf(headers: Headers | Record<string, string | string[] | undefined> | undefined): string | null {
  if (!headers) return null;
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwarded = get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || get('x-real-ip')?.trim() || null;
}
