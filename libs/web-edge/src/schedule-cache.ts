import type { IncomingHttpHeaders } from 'node:http';
import { eventSlugSchema } from '@padmeet/contract';
import type { CacheRule, FilledResponse } from './response-cache';

/**
 * What the response cache in front of Next (src/main.ts) may serve: the two
 * public read paths that are the same for every visitor. Everything personal
 * happens in the browser after load (edit rights, time zone, live updates).
 */

/** Requests Next's client router makes for RSC payloads (not the HTML page). */
const RSC_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch'];

function eventSlug(candidate: string | undefined): string | null {
  return candidate !== undefined && eventSlugSchema.safeParse(candidate).success ? candidate : null;
}

/**
 * The schedule page /e/<slug>. It ignores the query (?tz= and ?at= are read
 * in the browser), so every URL of it shares one entry.
 * Fresh for 2 s, like the snapshot it is rendered from; served stale for at most
 * a minute while a refill runs, in case Next is slow or failing.
 */
export const schedulePageRule: CacheRule = {
  name: 'schedule-page',
  match(_method, url, headers: IncomingHttpHeaders) {
    const slug = eventSlug(/^\/e\/([^/]+)$/.exec(url.pathname)?.[1]);
    if (!slug || url.searchParams.has('_rsc') || RSC_HEADERS.some((name) => name in headers)) return null;
    return { key: slug, tag: slug, fillPath: `/e/${slug}` };
  },
  lifetime: () => ({ freshMs: 2_000, maxMs: 60_000 }),
  // Browsers ask again each time (a 304 when unchanged, by ETag), so a reload after a booking shows it;
  // a shared cache in front of padmeet may keep the page for the same 2 s as this one.
  cacheControl: 'public, max-age=0, must-revalidate, s-maxage=2',
};

/**
 * Now/next as JSON (/api/events/<slug>/now-next without a query; the SSE stream
 * and the test clock's ?at= go to Next). It changes when a session starts or
 * ends, so an entry never outlives the `nextChangeAt` it carries; within that,
 * fresh for 1 s and served stale for at most 30 s.
 */
export const nowNextRule: CacheRule = {
  name: 'now-next',
  match(_method, url, headers) {
    const slug = eventSlug(/^\/api\/events\/([^/]+)\/now-next$/.exec(url.pathname)?.[1]);
    if (!slug || url.search !== '' || String(headers.accept ?? '').includes('text/event-stream')) return null;
    return { key: slug, tag: slug, fillPath: `/api/events/${slug}/now-next` };
  },
  lifetime(response: FilledResponse, now: number) {
    let nextChange = Number.POSITIVE_INFINITY;
    try {
      const { nextChangeAt } = JSON.parse(response.body.toString('utf8')) as { nextChangeAt?: unknown };
      if (typeof nextChangeAt === 'string') nextChange = Date.parse(nextChangeAt);
      else if (nextChangeAt !== null) return { freshMs: 0, maxMs: 0 };
    } catch {
      return { freshMs: 0, maxMs: 0 };
    }
    if (Number.isNaN(nextChange)) return { freshMs: 0, maxMs: 0 };
    const untilChange = nextChange - now;
    return { freshMs: Math.min(1_000, untilChange), maxMs: Math.min(30_000, untilChange) };
  },
};

export const scheduleCacheRules = [schedulePageRule, nowNextRule];

/**
 * Schedule writes, announced process-wide. Next bundles the API into its own
 * module graph, and the server in src/main.ts loads this file again outside it:
 * the listeners live on globalThis so both copies share one set.
 */
const BUS = Symbol.for('padmeet.web.schedule-changes');

function listeners(): Set<(eventSlug: string) => void> {
  const holder = globalThis as typeof globalThis & { [BUS]?: Set<(eventSlug: string) => void> };
  return (holder[BUS] ??= new Set());
}

export function announceScheduleChange(eventSlug: string): void {
  for (const listener of listeners()) listener(eventSlug);
}

export function onScheduleChange(listener: (eventSlug: string) => void): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}
