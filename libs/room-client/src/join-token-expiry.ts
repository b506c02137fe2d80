import { roleSchema, type Role } from '@padmeet/contract';

/**
 * Reads the `exp` claim of a join token without verifying it (the SFU does
 * that): only to tell the user "your link expired" instead of "unreachable",
 * since a browser cannot read the status of a refused WebSocket upgrade.
 */
function joinTokenPayload(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function joinTokenExpiresAt(token: string): number | undefined {
  const exp = joinTokenPayload(token)?.['exp'];
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/** Whether the token lets this person send (so the client asks for a send transport at join); the SFU decides. */
export function joinTokenCanPublish(token: string): boolean {
  return joinTokenPayload(token)?.['canPublish'] !== false;
}

/** The token's subject (account id or guest subject): the page derives the person's colour from it, as the SFU does. */
export function joinTokenSubject(token: string): string | undefined {
  const sub = joinTokenPayload(token)?.['sub'];
  return typeof sub === 'string' ? sub : undefined;
}

/** The person's role in this room (for showing the chair's controls; the SFU decides what it allows). */
export function joinTokenRole(token: string): Role | undefined {
  const parsed = roleSchema.safeParse(joinTokenPayload(token)?.['role']);
  return parsed.success ? parsed.data : undefined;
}

export function isJoinTokenExpired(token: string, now = Date.now()): boolean {
  const expiresAt = joinTokenExpiresAt(token);
  return expiresAt !== undefined && expiresAt <= now;
}

/**
 * When to ask for a new join token: at two thirds of the current one's remaining life, never later
 * than 30 s before it ends, and not sooner than 1 s from now.
 */
export function refreshDelayMs(expiresAt: number, now = Date.now()): number {
  const remaining = expiresAt - now;
  return Math.max(1000, Math.min((remaining * 2) / 3, remaining - 30_000));
}
