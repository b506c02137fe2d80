import { NextResponse, type NextRequest } from 'next/server';
import { GUEST_COOKIE, guestCookie, isGuestId, newGuestId } from '@padmeet/api/guest';

/**
 * A new visitor of a room page gets their guest identity with the page itself. The page's first
 * HTML names the room's notes frame (room.notesAhead), which opens the notes for this person while
 * the page's scripts load and then ask the API in their turn: made by whichever request came
 * first, the identity would be two. Signed-in people keep theirs too (harmless: they never use it).
 */
export function proxy(request: NextRequest) {
  if (isGuestId(request.cookies.get(GUEST_COOKIE)?.value)) return NextResponse.next();
  const guestId = newGuestId();
  // The page's own render reads it as the browser will send it from now on.
  const headers = new Headers(request.headers);
  headers.set('cookie', [request.headers.get('cookie'), `${GUEST_COOKIE}=${guestId}`].filter(Boolean).join('; '));
  const response = NextResponse.next({ request: { headers } });
  response.headers.append('set-cookie', guestCookie(guestId, (process.env['NEXTAUTH_URL'] ?? '').startsWith('https:')));
  return response;
}

export const config = { matcher: '/r/:slug' };
