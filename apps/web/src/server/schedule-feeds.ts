import 'server-only';
import { buildCalendar, createServerCaller, nowNextView, toNowNextWire, type CalendarScope, type RoomActivityPush } from '@padmeet/api/server';
import { eventSlugSchema, roomSlugSchema, type NowNextWire, type RoomActivity } from '@padmeet/contract';
import { canViewEvent } from '@padmeet/schedule';
import { isAppError } from '@padmeet/util';
import { viewerFromHeaders } from './auth';
import { apiDeps } from './deps';
import { webEnv } from './env';

/**
 * The clock of one now/next request: real time, or — only when the server runs
 * with PADMEET_TEST_CLOCK=1 (the test stack) — real time shifted so that it
 * read `?at=<ISO>` when the request arrived. Production ignores `at`.
 */
export function requestClock(request: Request): () => number {
  const at = new URL(request.url).searchParams.get('at');
  if (!at || webEnv().PADMEET_TEST_CLOCK !== '1') return Date.now;
  const start = Date.parse(at);
  if (Number.isNaN(start)) return Date.now;
  const offset = start - Date.now();
  return () => Date.now() + offset;
}

/**
 * Now/next only changes when a session starts or ends (or the schedule
 * changes): one computation per event snapshot and interval serves every request.
 */
const nowNextMemo = new Map<string, { schedule: object; from: number; until: number; wire: NowNextWire }>();

/** The client's address, as the server in front of Next resolved it (src/main.ts). */
export function requesterOf(request: Request): string | null {
  return request.headers.get('x-forwarded-for');
}

/**
 * Now/next of a published event at `at`, or null when there is no such event for the public.
 * Throws AppError RATE_LIMITED when `requester` asked for too many unknown events (see refusalResponse).
 */
export async function publicNowNext(eventSlug: string, at: Date, requester: string | null): Promise<NowNextWire | null> {
  if (!eventSlugSchema.safeParse(eventSlug).success) return null;
  const schedule = await apiDeps().schedule.live.get(eventSlug, requester);
  if (!schedule || !canViewEvent(null, schedule.event)) return null;
  const t = at.getTime();
  const memo = nowNextMemo.get(eventSlug);
  if (memo && memo.schedule === schedule && t >= memo.from && t < memo.until) return { ...memo.wire, at: at.toISOString() };
  const wire = toNowNextWire(nowNextView(schedule, at));
  nowNextMemo.set(eventSlug, { schedule, from: t, until: wire.nextChangeAt ? Date.parse(wire.nextChangeAt) : Infinity, wire });
  return wire;
}

/** An iCal feed of a published event (whole, one room or one track), or null. Same RATE_LIMITED as publicNowNext. */
export async function publicCalendar(eventSlug: string, scope: CalendarScope, request: Request): Promise<string | null> {
  if (!eventSlugSchema.safeParse(eventSlug).success) return null;
  const schedule = await apiDeps().schedule.live.get(eventSlug, requesterOf(request));
  if (!schedule || !canViewEvent(null, schedule.event)) return null;
  return buildCalendar(schedule, scope, { baseUrl: new URL(request.url).origin, now: new Date() });
}

/** 429 with Retry-After for a client refused by the schedule's limits; anything else is rethrown (Next answers 500 and logs it). */
export function refusalResponse(error: unknown): Response {
  if (isAppError(error) && error.code === 'RATE_LIMITED') {
    return Response.json(
      { error: { code: 'RATE_LIMITED', message: error.userMessage } },
      { status: 429, headers: { 'retry-after': String(error.retryAfterSeconds ?? 60), 'cache-control': 'no-store' } },
    );
  }
  throw error;
}

/** The iCal answer for a feed: the calendar, 404, or 429. */
export async function calendarFeed(ics: Promise<string | null>, filename: string): Promise<Response> {
  return ics.then((value) => calendarResponse(value, filename), refusalResponse);
}

export function calendarResponse(ics: string | null, filename: string): Response {
  if (ics === null) return new Response('No such calendar.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${filename}.ics"`,
      'cache-control': 'public, max-age=300',
    },
  });
}

/**
 * A room's hands and chat for the now/next stream of its event (`?room=<room>`, issue 11): read as
 * the stream's viewer (the request's session cookie or guest identity) through the same procedure
 * and entry decision as room.join, so a members-only room's messages never reach an anonymous
 * stream. `read(afterId)` re-reads (and re-decides) for a resync; `subscribe` receives this
 * process's writes to the room as they happen.
 */
export interface RoomActivityFeed {
  first: RoomActivity;
  read(afterId: string | undefined): Promise<RoomActivity>;
  subscribe(listener: (push: RoomActivityPush) => void): () => void;
}

/** The feed, or the refusal to answer instead of a stream (404: no such room in this event; 403: may not enter). */
export async function roomActivityFeed(request: Request, eventSlug: string, roomSlug: string): Promise<RoomActivityFeed | Response> {
  const refusal = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
  if (!roomSlugSchema.safeParse(roomSlug).success) return refusal(404, 'NOT_FOUND', `There is no room "${roomSlug}".`);
  const deps = apiDeps();
  const activity = deps.roomActivity;
  if (!activity) return refusal(503, 'UNAVAILABLE', 'Hands and chat are not available on this server.');
  const headers = new Headers(request.headers);
  const api = createServerCaller(deps, { headers, viewer: await viewerFromHeaders(headers) });
  const read = (afterId: string | undefined) => api.roomActivity.read({ slug: roomSlug, afterId });
  try {
    const room = await api.room.bySlug({ slug: roomSlug });
    if (room.eventSlug !== eventSlug) return refusal(404, 'NOT_FOUND', `There is no room "${roomSlug}" in this event.`);
    const first = await read(undefined);
    return { first, read, subscribe: (listener) => activity.hub.subscribe(roomSlug, listener) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : 'Refused.';
    if (code === 'FORBIDDEN' || code === 'UNAUTHORIZED') return refusal(403, 'FORBIDDEN', message);
    if (code === 'NOT_FOUND') return refusal(404, 'NOT_FOUND', message);
    if (code === 'TOO_MANY_REQUESTS') return refusal(429, 'RATE_LIMITED', message);
    throw error;
  }
}
