import { PAD_SESSION_COOKIE } from '@padmeet/pad';

/**
 * The cookies Etherpad's pad page uses: `sessionID` (the Etherpad session padmeet hands out),
 * `token` (the browser's author token), `express_sid` (Etherpad's own express session),
 * `language`, and the pad's preferences. Everything else on padmeet's origin, its sign-in
 * session above all, never reaches Etherpad.
 */
const ETHERPAD_COOKIES = new Set([PAD_SESSION_COOKIE, 'token', 'express_sid', 'language', 'prefs', 'prefsHttp']);

/** The Cookie header with only Etherpad's cookies left, or undefined when none is. */
export function etherpadCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const kept = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => ETHERPAD_COOKIES.has(pair.slice(0, pair.indexOf('=') === -1 ? pair.length : pair.indexOf('='))));
  return kept.length > 0 ? kept.join('; ') : undefined;
}
