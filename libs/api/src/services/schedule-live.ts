import type { EventSchedule, ScheduleRepository } from '@padmeet/data';

/**
 * The read side of schedules: a short-lived in-memory snapshot per event (the
 * schedule page and now/next read it; hundreds of viewers cost one query per
 * TTL), invalidated at once by writes in this process, and change
 * notifications for the live now/next streams. With several web processes, a
 * write elsewhere shows here within `ttlMs`.
 */
export interface ScheduleLive {
  get(eventSlug: string): Promise<EventSchedule | null>;
  /** Drop the snapshot and tell subscribers (after a write). */
  changed(eventSlug: string): void;
  subscribe(eventSlug: string, listener: () => void): () => void;
}

export interface ScheduleLiveOptions {
  ttlMs?: number;
  now?: () => number;
  /** Told after every write (before subscribers), e.g. to drop cached pages of the event. */
  onChange?: (eventSlug: string) => void;
}

export function createScheduleLive(schedules: ScheduleRepository, options: ScheduleLiveOptions = {}): ScheduleLive {
  const ttlMs = options.ttlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<EventSchedule | null> }>();
  const listeners = new Map<string, Set<() => void>>();
  return {
    get(eventSlug) {
      const hit = cache.get(eventSlug);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = schedules.load(eventSlug);
      cache.set(eventSlug, { at: now(), value });
      value.catch(() => cache.delete(eventSlug));
      return value;
    },
    changed(eventSlug) {
      cache.delete(eventSlug);
      options.onChange?.(eventSlug);
      for (const listener of listeners.get(eventSlug) ?? []) listener();
    },
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
