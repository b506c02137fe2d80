import type { Interval } from './slot';

export interface NowNext<T extends Interval> {
  current: T | null;
  next: T | null;
}

/** What runs at `at` in one room, and what comes after it. `sessions` in any order. */
export function nowAndNext<T extends Interval>(sessions: readonly T[], at: Date): NowNext<T> {
  const t = at.getTime();
  let current: T | null = null;
  let next: T | null = null;
  for (const s of sessions) {
    if (s.startsAt.getTime() <= t && t < s.endsAt.getTime()) current = s;
    else if (s.startsAt.getTime() > t && (!next || s.startsAt.getTime() < next.startsAt.getTime())) next = s;
  }
  return { current, next };
}

/** The next instant after `at` at which some room's now/next changes (a start or an end), or null. */
export function nextChangeAfter(sessions: readonly Interval[], at: Date): Date | null {
  const t = at.getTime();
  let best = Infinity;
  for (const s of sessions) {
    for (const edge of [s.startsAt.getTime(), s.endsAt.getTime()]) if (edge > t && edge < best) best = edge;
  }
  return best === Infinity ? null : new Date(best);
}
