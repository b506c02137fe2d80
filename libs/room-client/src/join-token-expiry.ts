/**
 * Reads the `exp` claim of a join token without verifying it (the SFU does
 * that): only to tell the user "your link expired" instead of "unreachable",
 * since a browser cannot read the status of a refused WebSocket upgrade.
 */
export function joinTokenExpiresAt(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function isJoinTokenExpired(token: string, now = Date.now()): boolean {
  const expiresAt = joinTokenExpiresAt(token);
  return expiresAt !== undefined && expiresAt <= now;
}
