import type { ChangeBus, EventSchedule, ScheduleRepository } from '@padmeet/data';
import { AppError, addressKey, createRateLimiter } from '@padmeet/util';

/**
 * The read side of schedules: a short-lived in-memory snapshot per event (the
 * schedule page and now/next read it; hundreds of viewers cost one query per
 * TTL), invalidated at once by writes in this process, and change
 * notifications for the live now/next streams. With several web processes and a
 * `bus`, a write elsewhere drops the snapshot and tells the streams here at once
 * too, and after the bus reconnects every event held here counts as changed;
 * without one, it shows within `ttlMs`.
 */
export interface ScheduleLive {
  /**
   * The event's snapshot (null: no such event). `requester` (the client's address, as the web
   * app's server resolved it) is refused with RATE_LIMITED once it has asked for too many unknown events lately:
   * every unknown slug costs a query. Events known to exist are never refused: a response cache fill runs on
   * behalf of one client and every visitor waiting on it shares its answer.
   */
  get(eventSlug: string, requester?: string | null): Promise<EventSchedule | null>;
  /** Drop the snapshot and tell subscribers (after a write). */
  changed(eventSlug: string): void;
  subscribe(eventSlug: string, listener: () => void): () => void;
  /** Snapshots held now (bounded by maxEntries). */
  size(): number;
}

export interface ScheduleLiveOptions {
  ttlMs?: number;
  now?: () => number;
  /** Told after every write (before subscribers), e.g. to drop cached pages of the event. */
  onChange?: (eventSlug: string) => void;
  /** At most this many snapshots are held (expired ones dropped first, then the oldest); default 1000. */
  maxEntries?: number;
  /** Unknown events one address may ask for per window (default 60 a minute). */
  unknownPerAddress?: { limit: number; windowMs: number };
  /** padmeet's other processes: told of this process's writes, and telling it of theirs. */
  bus?: ChangeBus;
}

/** What the schedule says on the change bus: this event's schedule changed. */
function scheduleChangeOf(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { kind, event } = message as { kind?: unknown; event?: unknown };
  return kind === 'schedule' && typeof event === 'string' ? event : undefined;
}

export function createScheduleLive(schedules: ScheduleRepository, options: ScheduleLiveOptions = {}): ScheduleLive {
  const ttlMs = options.ttlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 1_000;
  const cache = new Map<string, { at: number; value: Promise<EventSchedule | null> }>();
  const listeners = new Map<string, Set<() => void>>();
  const unknown = createRateLimiter({ ...(options.unknownPerAddress ?? { limit: 60, windowMs: 60_000 }), now, maxKeys: 10_000 });
  /**
   * Slugs whose last load found the event, most recent last (kept after a write drops the snapshot).
   * Only the database's events enter, so a stranger cannot grow it; bounded all the same.
   */
  const existing = new Set<string>();
  const maxExisting = 10_000;

  function recordLoad(eventSlug: string, found: boolean) {
    existing.delete(eventSlug);
    if (!found) return;
    existing.add(eventSlug);
    if (existing.size > maxExisting) existing.delete(existing.values().next().value!);
  }

  /** Keeps the map within maxEntries: expired snapshots go first, then the oldest. */
  function makeRoom(at: number) {
    if (cache.size < maxEntries) return;
    for (const [slug, entry] of cache) if (at - entry.at >= ttlMs) cache.delete(slug);
    while (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
  }

  /** A write here or in another process: the snapshot goes, the page caches and streams are told. */
  function changedHere(eventSlug: string) {
    cache.delete(eventSlug);
    options.onChange?.(eventSlug);
    for (const listener of listeners.get(eventSlug) ?? []) listener();
  }
  options.bus?.subscribe((message) => {
    const eventSlug = scheduleChangeOf(message);
    if (eventSlug !== undefined) changedHere(eventSlug);
  });
  // Back on the bus after losing it: what the others wrote meanwhile was not heard, so every event
  // held here counts as changed (its streams re-read now, rooms' hands and chat included).
  options.bus?.onReconnect(() => {
    for (const eventSlug of new Set([...cache.keys(), ...listeners.keys()])) changedHere(eventSlug);
  });

  return {
    get(eventSlug, requester) {
      const at = now();
      const hit = cache.get(eventSlug);
      if (hit && at - hit.at < ttlMs) return hit.value;
      // No requester: a read of the server's own (a stream's refresh, a test), not limited.
      const key = requester ? addressKey(requester) : null;
      if (key && !existing.has(eventSlug)) {
        const decision = unknown.peek(key);
        if (!decision.allowed) {
          return Promise.reject(
            new AppError('RATE_LIMITED', { userMessage: 'Too many requests for events that do not exist; try again in a minute.', retryAfterSeconds: decision.retryAfterSeconds }),
          );
        }
      }
      const value = schedules.load(eventSlug);
      cache.delete(eventSlug);
      makeRoom(at);
      cache.set(eventSlug, { at, value });
      value.then(
        (schedule) => {
          recordLoad(eventSlug, schedule !== null);
          if (!schedule && key) unknown.consume(key);
        },
        () => cache.delete(eventSlug),
      );
      return value;
    },
    changed(eventSlug) {
      changedHere(eventSlug);
      void options.bus?.publish({ kind: 'schedule', event: eventSlug });
    },
    size: () => cache.size,
    subscribe(eventSlug, listener) {
      let set = listeners.get(eventSlug);
      if (!set) listeners.set(eventSlug, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(eventSlug);
      };
    },
  };
}
