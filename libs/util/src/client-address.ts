/**
 * The client address of a request that passed apps/web's server (src/main.ts): it resolves the
 * address once (resolveClientAddress, with PADMEET_TRUSTED_PROXIES), sets X-Forwarded-For to that
 * one address and drops X-Real-IP, so the first X-Forwarded-For entry is the address it vouches
 * for. The one reader of it (the tRPC context, next-auth's sign-in). Null when there is none.
 */
export function clientAddressOf(headers: Headers | Record<string, string | string[] | undefined> | undefined | null): string | null {
  if (!headers) return null;
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.split(',')[0]?.trim() || null;
}
