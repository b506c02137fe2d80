import { formatMinutes, toZoned } from './time-zone';
import { checkSlot, describeLocal, SLOT_GRANULARITY_MINUTES, type BookedSlot, type EventWindow, type Interval } from './slot';

/**
 * The session's clock in a room, as pure functions: the room page asks them once a second with
 * the clock of the now/next stream (absolute deadlines from the schedule; nothing ticks on the
 * server), and the extend mutation asks `checkExtension` before it writes.
 */

/** Everyone sees a warning this long before the session's end. */
export const END_WARNING_MS = 5 * 60_000;
/** After a session ends, the room says so (and what is next) for this long; then it is the hallway. */
export const ENDED_NOTICE_MS = 10 * 60_000;
/** A session is extended in steps of the slot grid. */
export const EXTEND_STEP_MINUTES = SLOT_GRANULARITY_MINUTES;

export interface ClockSession extends Interval {
  id: string;
  title: string;
}

export type SessionPhase<T extends ClockSession = ClockSession> =
  /** A session is on and more than 5 minutes are left. */
  | { kind: 'running'; session: T; remainingMs: number }
  /** A session is on and ends within 5 minutes. */
  | { kind: 'warning'; session: T; remainingMs: number }
  /** A session ended a moment ago; `next` is what comes in this room (null: nothing later). */
  | { kind: 'ended'; session: T; next: T | null }
  /** No session: the room is open as a hallway; `next` starts later (null: nothing later). */
  | { kind: 'hallway'; next: T | null };

/**
 * The phase of a room at `now`.
 * - `current`/`next`: the room's now/next as last pushed (the push may lag the clock: a `current`
 *   whose end has passed counts as ended, and a `next` whose start has come counts as running);
 * - `previous`: the session this page last saw running (so its end is announced even when the
 *   push that removed it came first).
 */
export function sessionPhase<T extends ClockSession>(room: { current: T | null; next: T | null; previous?: T | null }, now: number): SessionPhase<T> {
  const running = [room.current, room.next].find((session): session is T => !!session && session.startsAt.getTime() <= now && now < session.endsAt.getTime());
  if (running) {
    const remainingMs = running.endsAt.getTime() - now;
    return { kind: remainingMs <= END_WARNING_MS ? 'warning' : 'running', session: running, remainingMs };
  }
  const later = [room.current, room.next].filter((session): session is T => !!session && session.startsAt.getTime() > now);
  const next = later.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0] ?? null;
  const ended = [room.current, room.previous]
    .filter((session): session is T => !!session && session.endsAt.getTime() <= now && now - session.endsAt.getTime() < ENDED_NOTICE_MS)
    .sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())[0];
  if (ended) return { kind: 'ended', session: ended, next };
  return { kind: 'hallway', next };
}

/** "12:34" (minutes:seconds) under an hour, "1:02:03" from an hour; never negative. */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** The end after extending by `steps` steps of 15 minutes. */
export function extendedEnd(session: Interval, steps = 1): Date {
  return new Date(session.endsAt.getTime() + steps * EXTEND_STEP_MINUTES * 60_000);
}

export interface ExtensionProblem {
  /** `taken`: the room is booked then; `ended`: the session is over; `invalid`: the slot's own rules. */
  reason: 'taken' | 'ended' | 'invalid';
  message: string;
}

/**
 * Why `session` cannot be extended by `steps` quarter hours at `now`, or null when it can: only a
 * session that has not ended, only into free time of its room (`others`: the room's other
 * sessions), inside the event's days and the longest a session may last. The message names the
 * session in the way, and when it starts in the event's zone (with its date when that is past midnight).
 */
export function checkExtension(session: BookedSlot, steps: number, event: EventWindow, others: readonly BookedSlot[], now: number): ExtensionProblem | null {
  if (!Number.isInteger(steps) || steps < 1) return { reason: 'invalid', message: `Sessions are extended in steps of ${EXTEND_STEP_MINUTES} minutes.` };
  if (session.endsAt.getTime() <= now) return { reason: 'ended', message: `"${session.title}" has already ended.` };
  const slot = { startsAt: session.startsAt, endsAt: extendedEnd(session, steps) };
  const inTheWay = others
    .filter((other) => other.id !== session.id && other.startsAt.getTime() < slot.endsAt.getTime() && other.endsAt.getTime() > session.endsAt.getTime())
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (inTheWay) {
    // The time alone while it is on the day the session ends now; with its date past midnight.
    const at = toZoned(inTheWay.startsAt, event.timeZone);
    const sameDay = at.date === toZoned(session.endsAt, event.timeZone).date;
    const when = sameDay ? formatMinutes(at.minutes) : describeLocal(inTheWay.startsAt, event.timeZone);
    return { reason: 'taken', message: `The next session here, "${inTheWay.title}", starts at ${when} (${event.timeZone}); this session cannot run into it.` };
  }
  const problem = checkSlot(
    slot,
    event,
    others.filter((other) => other.id !== session.id),
  );
  if (problem) return { reason: problem.reason === 'taken' ? 'taken' : 'invalid', message: problem.message };
  return null;
}

/** A change asked of a booked session: cancelling it, or new values for its room and times. */
export interface SessionChange {
  cancel?: boolean;
  roomId?: string;
  startsAt?: Date;
  endsAt?: Date;
}

export interface HeldSessionProblem {
  field?: 'roomId' | 'start' | 'end';
  message: string;
}

/**
 * What may no longer change once a session has begun: its notes snapshots, attendance and chat hang
 * on its room and times. Once it has started it cannot be cancelled, moved to another room or
 * started at another time; once it has ended its end is fixed too (a running session's end may
 * move, as "Extend" does). Its title and agenda can always be corrected. Null when the change is
 * fine; values equal to the session's own are no change.
 */
export function checkHeldSessionChange(session: ClockSession & { roomId: string }, change: SessionChange, now: number): HeldSessionProblem | null {
  if (session.startsAt.getTime() > now) return null;
  const ended = session.endsAt.getTime() <= now;
  const kept = 'its notes, chat and attendance stay in the archive';
  if (change.cancel) {
    return { message: ended ? `"${session.title}" has already taken place and ${kept}: it cannot be cancelled.` : `"${session.title}" is running and ${kept}: it cannot be cancelled (change its end instead).` };
  }
  const started = ended ? 'has already taken place' : 'has already started';
  if (change.roomId !== undefined && change.roomId !== session.roomId) return { field: 'roomId', message: `"${session.title}" ${started}: it stays in its room.` };
  if (change.startsAt !== undefined && change.startsAt.getTime() !== session.startsAt.getTime()) return { field: 'start', message: `"${session.title}" ${started}: its start cannot change.` };
  if (ended && change.endsAt !== undefined && change.endsAt.getTime() !== session.endsAt.getTime()) return { field: 'end', message: `"${session.title}" has already ended: its end cannot change.` };
  if (!ended && change.endsAt !== undefined && change.endsAt.getTime() <= now) return { field: 'end', message: `"${session.title}" is running: its new end must be later than now.` };
  return null;
}
