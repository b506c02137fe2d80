import { apiDeps } from '../../../../../server/deps';
import { publicNowNext, refusalResponse, requestClock, requesterOf } from '../../../../../server/schedule-feeds';

export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 25_000;
/** Also re-read now and then, for writes made by another web process. */
const RESYNC_MS = 60_000;

/**
 * Now/next per room of a published event.
 * - `Accept: text/event-stream`: Server-Sent Events; a `message` with the whole
 *   now/next (JSON) at once, again the moment a session starts or ends (a timer
 *   set to the next start/end, not polling) and whenever the schedule changes;
 *   on a change, first an event `schedule` (data `changed`) so the page
 *   re-reads its grid.
 * - otherwise: the same JSON once.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const clock = requestClock(request);
  const requester = requesterOf(request);
  let first: Awaited<ReturnType<typeof publicNowNext>>;
  try {
    first = await publicNowNext(slug, new Date(clock()), requester);
  } catch (error) {
    return refusalResponse(error);
  }
  if (!first) return Response.json({ error: { code: 'NOT_FOUND', message: `There is no event "${slug}".` } }, { status: 404 });
  if (!(request.headers.get('accept') ?? '').includes('text/event-stream')) {
    return Response.json(first, { headers: { 'cache-control': 'no-store' } });
  }

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let changeTimer: ReturnType<typeof setTimeout> | undefined;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const push = (data: NonNullable<typeof first>) => {
        send(`data: ${JSON.stringify(data)}\n\n`);
        clearTimeout(changeTimer);
        if (data.nextChangeAt) {
          // Absolute deadline: wake when the next session starts or ends (capped; re-armed after).
          const delay = Math.min(Math.max(Date.parse(data.nextChangeAt) - clock(), 0) + 20, 3_600_000);
          changeTimer = setTimeout(() => void refresh(), delay);
        }
      };
      const refresh = async () => {
        try {
          const data = await publicNowNext(slug, new Date(clock()), null);
          if (data) push(data);
          else close();
        } catch (error) {
          apiDeps().logger.warn({ err: error, event: slug }, 'now/next refresh failed');
        }
      };
      const unsubscribe = apiDeps().schedule.live.subscribe(slug, () => {
        // The page re-reads its grid on this (each browser after a random moment, not all at once).
        send('event: schedule\ndata: changed\n\n');
        void refresh();
      });
      const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      const resync = setInterval(() => void refresh(), RESYNC_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(changeTimer);
        clearInterval(heartbeat);
        clearInterval(resync);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      request.signal.addEventListener('abort', close);
      send('retry: 3000\n\n');
      push(first);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
