import { parseCookieHeader } from '@padmeet/util';

/** Etherpad reads its session from this cookie (its page sends it over socket.io; exports read it server-side). */
export const PAD_SESSION_COOKIE = 'sessionID';

/** Etherpad's session IDs: `s.` and 32 hex characters in 1.8.14 (createSession); shorter in some versions. */
export const PAD_SESSION_ID = /^s\.[A-Za-z0-9]{16,32}$/;

/**
 * The Etherpad session IDs a Cookie header carries (`sessionID=s.a,s.b`: several joined by commas,
 * as Etherpad reads them), malformed ones left out. Read by the `/pad` proxy (may this browser
 * open the pad?), and by padmeet's API from its own copy of the list (`cookieName`: the
 * browser sends `sessionID` under /pad only). A value that does not percent-decode is read as it
 * stands (parseCookieHeader), and what in it is not a session ID is left out.
 */
export function padSessionIdsFromCookie(header: string | null | undefined, cookieName = PAD_SESSION_COOKIE): string[] {
  const value = parseCookieHeader(header)[cookieName];
  if (value === undefined) return [];
  return value.split(',').map((id) => id.trim()).filter((id) => PAD_SESSION_ID.test(id));
}
