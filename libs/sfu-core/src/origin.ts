/**
 * Browsers always send Origin on a WebSocket upgrade; it must be one of the
 * configured web origins. Non-browser clients (tests, bots) send none and are
 * judged by their join token alone.
 */
export function isOriginAllowed(origin: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  const normalised = origin.replace(/\/+$/, '').toLowerCase();
  return allowedOrigins.some((allowed) => allowed.replace(/\/+$/, '').toLowerCase() === normalised);
}
