const KEY = 'padmeet.device';
const FORMAT = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * This browser's own random ID (128 bits, base64url), made once and kept in its localStorage. It
 * goes with every sign-in: apps/auth remembers the browsers an account signed in from, and does
 * not hold them to the account's per-username limit (a stranger filling it does not keep the
 * owner's own browser out, whatever network it is on). Null where storage is unavailable.
 */
export function deviceIdOf(storage: Pick<Storage, 'getItem' | 'setItem'> | null | undefined): string | null {
  if (!storage) return null;
  try {
    const kept = storage.getItem(KEY);
    if (kept && FORMAT.test(kept)) return kept;
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    storage.setItem(KEY, id);
    return id;
  } catch {
    // Storage refused (private mode, quota): sign in without one.
    return null;
  }
}
