// A guest's identity in this browser, light enough for the web app's proxy (no database, no Node
// crypto): the proxy gives a new visitor of a room page their identity with the page itself, so
// that every request the page makes next (its notes frame, its API calls) is the same person.

/** A guest's stable identity in this browser (HttpOnly): the same Etherpad author across sessions. */
export const GUEST_COOKIE = 'padmeet_guest';

/** 32 random bytes, base64url: the cookie is the secret. */
export function isGuestId(value: string | undefined): value is string {
  return !!value && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function newGuestId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

/** The Set-Cookie value that gives this browser `guestId` for a year. */
export function guestCookie(guestId: string, secure: boolean): string {
  return `${GUEST_COOKIE}=${guestId}; Path=/; HttpOnly; Max-Age=31536000; SameSite=Lax${secure ? '; Secure' : ''}`;
}
