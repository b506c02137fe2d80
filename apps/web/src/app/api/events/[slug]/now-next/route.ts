import { apiDeps } from '../../../../../server/deps';
import { publicNowNext, refusalResponse, requestClock, requesterOf, roomActivityFeed, type RoomActivityFeed } from '../../../../../server/schedule-feeds';

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
 * With `?room=<room>` (the room page; streams only), the stream also carries that room's raised
 * hands and chat (issue 11) for a viewer who may enter the room (403 otherwise, before any data):
 * events `you` (the viewer's standing), `hands` (the whole queue) and `chat` (the latest 100
 * messages first, then each new one), re-read and re-decided at each resync and each session's
 * start and end. A draft's room has no now/next, only its hands and chat (for its editors).
 * These streams are per viewer: never cached (the response cache keeps only query-less JSON).
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
  const roomSlug = new URL(request.url).searchParams.get('room');
  const isStream = (request.headers.get('accept') ?? '').includes('text/event-stream');
  let room: RoomActivityFeed | undefined;
  if (roomSlug !== null && isStream) {
    const feed = await roomActivityFeed(request, slug, roomSlug);
    if (feed instanceof Response) return feed;
    room = feed;
  }
  if (!first && !room) return Response.json({ error: { code: 'NOT_FOUND', message: `There is no event "${slug}".` } }, { status: 404 });
  if (!isStream) {
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
      /** The room's hands and chat: the newest message sent so far (resyncs ask only for later ones). */
      let lastChatId: string | undefined;
      const sendActivity = (push: { type: 'you' | 'hands' | 'chat'; data: unknown }) => {
        if (push.type === 'chat') {
          const messages = (push.data as { messages: Array<{ id: string }> }).messages;
          if (messages.length === 0) return;
          const newest = messages[messages.length - 1]!.id;
          if (lastChatId === undefined || BigInt(newest) > BigInt(lastChatId)) lastChatId = newest;
        }
        send(`event: ${push.type}\ndata: ${JSON.stringify(push.data)}\n\n`);
      };
      const sendSnapshot = (activity: RoomActivityFeed['first']) => {
        sendActivity({ type: 'you', data: activity.you });
        sendActivity({ type: 'hands', data: activity.hands });
        sendActivity({ type: 'chat', data: activity.chat });
      };
      /** Re-read (and re-decide entry): a viewer no longer allowed in loses the stream. */
      const resyncRoom = async () => {
        if (!room) return;
        try {
          sendSnapshot(await room.read(lastChatId));
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHORIZED') close();
          else apiDeps().logger.warn({ err: error, event: slug }, 'room activity resync failed');
        }
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
          else if (!room) close();
        } catch (error) {
          apiDeps().logger.warn({ err: error, event: slug }, 'now/next refresh failed');
        }
        // A session starting or ending changes the room's hands queue.
        await resyncRoom();
      };
      const unsubscribe = apiDeps().schedule.live.subscribe(slug, () => {
        // The page re-reads its grid on this (each browser after a random moment, not all at once).
        send('event: schedule\ndata: changed\n\n');
        void refresh();
      });
      const unsubscribeRoom = room?.subscribe(sendActivity) ?? (() => {});
      const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      const resync = setInterval(() => void refresh(), RESYNC_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(changeTimer);
        clearInterval(heartbeat);
        clearInterval(resync);
        unsubscribe();
        unsubscribeRoom();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = close;
      request.signal.addEventListener('abort', close);
      send('retry: 3000\n\n');
      if (first) push(first);
      if (room) sendSnapshot(room.first);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
