import { addDays, dayBounds, datesBetween, formatMinutes, fromZoned, toZoned, type IsoDate } from './time-zone';

/**
 * The rules of a schedule slot, as pure functions: the server applies them
 * before writing (the database enforces no-overlap again, for races) and the
 * UI uses them to show free slots.
 */

/** Sessions start and end on a quarter hour (every IANA zone's offset is a multiple of 15 minutes). */
export const SLOT_GRANULARITY_MINUTES = 15;
export const MIN_SESSION_MINUTES = 15;
export const MAX_SESSION_MINUTES = 8 * 60;

/** A half-open interval [startsAt, endsAt). */
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export interface EventWindow {
  /** First day, in the event's zone. */
  startsOn: IsoDate;
  /** Last day (inclusive), in the event's zone. */
  endsOn: IsoDate;
  timeZone: string;
}

export interface BookedSlot extends Interval {
  id: string;
  title: string;
}

export type SlotField = 'start' | 'end';
export interface SlotProblem {
  field: SlotField;
  /** `taken`: another session holds the room then; `invalid`: the slot itself breaks a rule. */
  reason: 'taken' | 'invalid';
  message: string;
}

/** Half-open: a session may start exactly when another ends. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** [first day 00:00, day after the last 00:00) in the event's own zone. */
export function eventBounds(event: EventWindow): Interval {
  return { startsAt: dayBounds(event.startsOn, event.timeZone).startsAt, endsAt: dayBounds(event.endsOn, event.timeZone).endsAt };
}

/**
 * Why an event cannot move to `next` dates or zone, or null when it can: its
 * booked sessions must still lie inside (nothing is dropped behind the
 * organisers' backs). `first` starts earliest, `last` ends latest; the message
 * names the session to move or cancel, next to the field that changed.
 */
export function checkEventWindow(
  next: EventWindow,
  current: EventWindow,
  span: { first: BookedSlot; last: BookedSlot } | null,
): { field: 'startsOn' | 'endsOn' | 'timeZone'; message: string } | null {
  if (next.endsOn < next.startsOn) return { field: 'endsOn', message: 'The last day cannot be before the first' };
  if (!span) return null;
  const bounds = eventBounds(next);
  const zoneOnly = next.startsOn === current.startsOn && next.endsOn === current.endsOn;
  const when = (slot: BookedSlot) => `"${slot.title}" (${describeLocal(slot.startsAt, next.timeZone)}, ${next.timeZone})`;
  if (span.first.startsAt.getTime() < bounds.startsAt.getTime()) {
    return { field: zoneOnly ? 'timeZone' : 'startsOn', message: `${when(span.first)} would fall before the first day; move or cancel it first.` };
  }
  if (span.last.endsAt.getTime() > bounds.endsAt.getTime()) {
    return { field: zoneOnly ? 'timeZone' : 'endsOn', message: `${when(span.last)} would fall after the last day; move or cancel it first.` };
  }
  return null;
}

export function eventDays(event: EventWindow): IsoDate[] {
  return datesBetween(event.startsOn, event.endsOn);
}

const minutesOf = (interval: Interval) => (interval.endsAt.getTime() - interval.startsAt.getTime()) / 60_000;

/** "2026-03-28 11:00": an instant's day and time in `zone`, as the schedule's refusals name them. */
export function describeLocal(instant: Date, zone: string): string {
  const local = toZoned(instant, zone);
  return `${local.date} ${formatMinutes(local.minutes)}`;
}

/**
 * Why a slot cannot be booked, or null when it can. `others` are the room's
 * other sessions (exclude the session being moved). Messages name the field
 * they belong to so the form shows them next to it.
 */
export function checkSlot(slot: Interval, event: EventWindow, others: readonly BookedSlot[]): SlotProblem | null {
  const start = slot.startsAt.getTime();
  const end = slot.endsAt.getTime();
  if (Number.isNaN(start)) return { field: 'start', reason: 'invalid', message: 'Please give a start time.' };
  if (Number.isNaN(end)) return { field: 'end', reason: 'invalid', message: 'Please give an end time.' };
  if (end <= start) return { field: 'end', reason: 'invalid', message: 'The session must end after it starts.' };
  const step = SLOT_GRANULARITY_MINUTES * 60_000;
  if (start % step !== 0) return { field: 'start', reason: 'invalid', message: `Sessions start on a quarter hour (:00, :15, :30 or :45).` };
  if (end % step !== 0) return { field: 'end', reason: 'invalid', message: `Sessions end on a quarter hour (:00, :15, :30 or :45).` };
  const minutes = minutesOf(slot);
  if (minutes < MIN_SESSION_MINUTES) return { field: 'end', reason: 'invalid', message: `A session lasts at least ${MIN_SESSION_MINUTES} minutes.` };
  if (minutes > MAX_SESSION_MINUTES) return { field: 'end', reason: 'invalid', message: `A session lasts at most ${MAX_SESSION_MINUTES / 60} hours.` };
  const bounds = eventBounds(event);
  if (start < bounds.startsAt.getTime() || start >= bounds.endsAt.getTime()) {
    return { field: 'start', reason: 'invalid', message: `The event runs from ${event.startsOn} to ${event.endsOn} (${event.timeZone}); this start is outside it.` };
  }
  if (end > bounds.endsAt.getTime()) {
    return { field: 'end', reason: 'invalid', message: `The event ends on ${event.endsOn} at midnight (${event.timeZone}); this session would run past it.` };
  }
  const clash = others.find((other) => overlaps(slot, other));
  if (clash) {
    return {
      field: 'start',
      reason: 'taken',
      message: `The room is taken from ${describeLocal(clash.startsAt, event.timeZone)} to ${formatMinutes(toZoned(clash.endsAt, event.timeZone).minutes)} (${event.timeZone}) by "${clash.title}".`,
    };
  }
  return null;
}

/**
 * Free gaps of at least `minMinutes` inside `window`, given the booked
 * intervals (any order, may overlap the window's edges).
 */
export function freeSlots(window: Interval, booked: readonly Interval[], minMinutes = MIN_SESSION_MINUTES): Interval[] {
  const sorted = booked.filter((b) => overlaps(b, window)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const out: Interval[] = [];
  let cursor = window.startsAt.getTime();
  const push = (from: number, to: number) => {
    // Round the gap inwards to the slot grid.
    const step = SLOT_GRANULARITY_MINUTES * 60_000;
    const a = Math.ceil(from / step) * step;
    const b = Math.floor(to / step) * step;
    if (b - a >= minMinutes * 60_000) out.push({ startsAt: new Date(a), endsAt: new Date(b) });
  };
  for (const b of sorted) {
    if (b.startsAt.getTime() > cursor) push(cursor, Math.min(b.startsAt.getTime(), window.endsAt.getTime()));
    cursor = Math.max(cursor, b.endsAt.getTime());
  }
  if (cursor < window.endsAt.getTime()) push(cursor, window.endsAt.getTime());
  return out;
}

/** The bookable hours of one event day, [from, to) minutes of local time in the event's zone. */
export function dayWindow(date: IsoDate, zone: string, hours: { fromMinutes: number; toMinutes: number } = { fromMinutes: 0, toMinutes: 24 * 60 }): Interval {
  const startsAt = fromZoned({ date, minutes: hours.fromMinutes }, zone);
  const endsAt = hours.toMinutes >= 24 * 60 ? fromZoned({ date: addDays(date, 1), minutes: hours.toMinutes - 24 * 60 }, zone) : fromZoned({ date, minutes: hours.toMinutes }, zone);
  return { startsAt, endsAt };
}
