import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a scrape's `Authorization` header carries the metrics token (`Bearer <token>`). Without
 * a configured token every scrape is allowed (the listener is then protected by binding to
 * loopback only). The comparison is in constant time: both sides are hashed to 32 bytes first,
 * so neither the token's content nor its length leaks through timing.
 */
export function isAuthorizedScrape(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const presented = match?.[1] ?? '';
  // Always compare (also for a missing header), so a missing header costs the same as a wrong one.
  const equal = timingSafeEqual(digest(presented), digest(token));
  return equal && presented.length > 0;
}
