/**
 * Join tokens are EdDSA (Ed25519) JWTs: auth signs with the private key, the
 * SFU verifies with the public key only and cannot mint tokens itself.
 */
export const JOIN_TOKEN_ALG = 'EdDSA';
export const JOIN_TOKEN_ISSUER = 'padmeet-auth';
export const JOIN_TOKEN_AUDIENCE = 'padmeet-sfu';

/** Default life of a token when no session end bounds it. */
export const DEFAULT_TTL_SECONDS = 10 * 60;
/** Grace after the session end, so a running session does not cut off on the minute. */
export const SESSION_END_GRACE_SECONDS = 5 * 60;

/**
 * Expiry in seconds since epoch: short-lived, and never later than the end of
 * the session the holder joins plus a short grace.
 */
export function computeExpiry(nowMs: number, notAfterMs: number | undefined, ttlSeconds = DEFAULT_TTL_SECONDS): number {
  const now = Math.floor(nowMs / 1000);
  const byTtl = now + ttlSeconds;
  if (notAfterMs === undefined) return byTtl;
  const bySession = Math.floor(notAfterMs / 1000) + SESSION_END_GRACE_SECONDS;
  return Math.min(byTtl, bySession);
}
