import { createServerCaller } from '@padmeet/api/server';
import { roomSlugSchema } from '@padmeet/contract';
import { viewerFromHeaders } from '../../../../../server/auth';
import { apiDeps } from '../../../../../server/deps';

export const dynamic = 'force-dynamic';

const STATUS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, TOO_MANY_REQUESTS: 429 };

/**
 * /r/<room>/notes/frame: the room page's notes frame, named in the page's first HTML so that the
 * pad loads beside the pre-join while the page's own scripts load (room.notesAhead). Opens the
 * notes for this browser's person as room.openNotes does (same rule, same rate limit, the
 * Etherpad session's cookies set here) and sends the frame on to the pad. When they cannot be
 * opened, a short page says why; the notes panel sees its marker and asks again by itself.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const headers = new Headers({ 'cache-control': 'private, no-store' });
  if (!roomSlugSchema.safeParse(slug).success) return unavailable(`There is no room "${slug}".`, 404, headers);
  try {
    const api = createServerCaller(apiDeps(), { headers: request.headers, viewer: await viewerFromHeaders(request.headers), responseHeaders: headers });
    const { notes } = await api.room.openNotes({ slug });
    if (notes.status !== 'ready') return unavailable(notes.message, 503, headers);
    headers.set('location', `${notes.url}?${new URLSearchParams({ showChat: 'false', userColor: notes.colour })}`);
    return new Response(null, { status: 303, headers });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const status = typeof code === 'string' ? STATUS[code] : undefined;
    if (!status) throw error;
    return unavailable((error as Error).message, status, headers);
  }
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function unavailable(message: string, status: number, headers: Headers): Response {
  headers.set('content-type', 'text/html; charset=utf-8');
  const body = `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Notes</title><body style="font-family:system-ui,sans-serif;padding:1rem"><p id="padmeet-notes-unavailable">${escape(message)}</p></body></html>`;
  return new Response(body, { status, headers });
}
