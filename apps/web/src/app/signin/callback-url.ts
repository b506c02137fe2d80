/**
 * Where to send the browser after signing in: `callbackUrl` resolved against the
 * page's own origin, kept only when it stays on that origin; else the home page.
 * Resolving with the WHATWG URL parser (as the browser will) catches every
 * spelling that a "starts with `/`" check lets through: `/\evil`, `/\t/evil`,
 * `/%5Cevil` once decoded, `/.//evil`, `javascript:`… The answer is absolute, so
 * no later reading of it as a path can leave the origin either.
 */
export function sameOriginCallback(callbackUrl: string | null | undefined, origin: string): string {
  const home = new URL('/', origin).href;
  if (!callbackUrl) return home;
  let target: URL;
  try {
    target = new URL(callbackUrl, home);
  } catch {
    return home;
  }
  return target.origin === new URL(origin).origin && (target.protocol === 'http:' || target.protocol === 'https:') ? target.href : home;
}
