import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import type { EventSchedule } from '@padmeet/data';
import { toZoned } from '@padmeet/schedule';

/**
 * An instant that shows its wall-clock parts in one zone, in the shape
 * ical-generator accepts for zoned dates (its "TZDate" stub). Plain Dates would
 * be written with the server process's own zone under the event's TZID.
 */
class ZonedInstant extends Date {
  readonly internal: Date;
  readonly timeZone: string;
  readonly #wall: { year: number; month: number; day: number; hours: number; minutes: number };

  constructor(instant: Date, timeZone: string) {
    super(instant.getTime());
    this.internal = new Date(instant.getTime());
    this.timeZone = timeZone;
    const local = toZoned(instant, timeZone);
    const [year, month, day] = local.date.split('-').map(Number) as [number, number, number];
    this.#wall = { year, month, day, hours: Math.floor(local.minutes / 60), minutes: local.minutes % 60 };
  }
  withTimeZone(timeZone?: string | null): ZonedInstant {
    return new ZonedInstant(this.internal, timeZone ?? 'UTC');
  }
  tzComponents() {
    return this.#wall;
  }
  override getFullYear() {
    return this.#wall.year;
  }
  override getMonth() {
    return this.#wall.month - 1;
  }
  override getDate() {
    return this.#wall.day;
  }
  override getHours() {
    return this.#wall.hours;
  }
  override getMinutes() {
    return this.#wall.minutes;
  }
  override getSeconds() {
    return this.internal.getUTCSeconds();
  }
}

/** Which sessions a feed carries. */
export type CalendarScope = { kind: 'event' } | { kind: 'room'; roomSlug: string } | { kind: 'track'; trackSlug: string };

export interface CalendarOptions {
  /** Absolute base URL of the web app, e.g. https://meet.example.org, for session links. */
  baseUrl: string;
  /** DTSTAMP of the feed (now). */
  now: Date;
}

/**
 * An RFC 5545 calendar (ical-generator) of an event's sessions. Times carry
 * the event's IANA zone with its VTIMEZONE definition; each session's UID is
 * derived from its id (stable across edits), SEQUENCE counts its edits and
 * LAST-MODIFIED is its last change, so subscribed calendars update entries
 * rather than duplicate them. Returns null for an unknown room/track.
 */
export function buildCalendar(schedule: EventSchedule, scope: CalendarScope, options: CalendarOptions): string | null {
  const { event } = schedule;
  const roomById = new Map(schedule.rooms.map((r) => [r.id, r]));
  const trackById = new Map(schedule.tracks.map((t) => [t.id, t]));
  let sessions = schedule.sessions;
  let title = event.name;
  if (scope.kind === 'room') {
    const room = schedule.rooms.find((r) => r.slug === scope.roomSlug);
    if (!room) return null;
    sessions = sessions.filter((s) => s.roomId === room.id);
    title = `${event.name}: ${room.name}`;
  } else if (scope.kind === 'track') {
    const track = schedule.tracks.find((t) => t.slug === scope.trackSlug);
    if (!track) return null;
    sessions = sessions.filter((s) => s.trackId === track.id);
    title = `${event.name}: ${track.name}`;
  }
  const calendar = ical({
    name: title,
    prodId: { company: 'padmeet', product: 'schedule', language: 'EN' },
    // No calendar-wide zone: DTSTAMP and LAST-MODIFIED stay in UTC as RFC 5545 requires;
    // each event carries TZID and the generator adds the zone's VTIMEZONE once.
    timezone: { name: null, generator: getVtimezoneComponent },
    x: [{ key: 'X-WR-TIMEZONE', value: event.timeZone }],
    url: `${options.baseUrl}/e/${event.slug}`,
    ttl: 15 * 60,
  });
  const host = new URL(options.baseUrl).hostname || 'padmeet';
  for (const session of sessions) {
    const room = roomById.get(session.roomId);
    const track = trackById.get(session.trackId);
    const roomUrl = room ? `${options.baseUrl}/r/${room.slug}` : undefined;
    calendar.createEvent({
      id: `session-${session.id}@${host}`,
      start: new ZonedInstant(session.startsAt, event.timeZone),
      end: new ZonedInstant(session.endsAt, event.timeZone),
      timezone: event.timeZone,
      summary: track ? `${track.name}: ${session.title}` : session.title,
      description: [session.agenda.trim(), roomUrl ? `Join: ${roomUrl}` : ''].filter(Boolean).join('\n\n'),
      location: room ? `${room.name} (${roomUrl})` : null,
      url: roomUrl ?? null,
      sequence: session.sequence,
      lastModified: session.updatedAt,
      stamp: options.now,
    });
  }
  return calendar.toString();
}
