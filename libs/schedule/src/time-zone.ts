/**
 * Time-zone arithmetic on IANA zones with the platform's Intl data (no
 * library): instants are `Date`s (UTC), local wall times are plain parts.
 * Handles DST: a local time that does not exist (spring forward) and one that
 * exists twice (fall back) are resolved explicitly, never silently shifted.
 */

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

export interface LocalDateTime {
  /** "YYYY-MM-DD" */
  date: IsoDate;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(instant: number, zone: string): WallParts {
  const out: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out['year']!, month: out['month']!, day: out['day']!, hour: out['hour']! % 24, minute: out['minute']!, second: out['second']! };
}

/** UTC offset of `zone` at `instant`, in minutes (e.g. +60 for CET, -300 for EST). */
export function offsetMinutes(instant: Date | number, zone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  const p = wallParts(whole, zone);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole) / 60_000);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The calendar date `days` after `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Every date from `first` to `last`, inclusive. */
export function datesBetween(first: IsoDate, last: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let date = first; date <= last && out.length < 366; date = addDays(date, 1)) out.push(date);
  return out;
}

/** The wall time of `instant` in `zone`. */
export function toZoned(instant: Date, zone: string): LocalDateTime {
  const p = wallParts(instant.getTime(), zone);
  return { date: `${p.year}-${pad2(p.month)}-${pad2(p.day)}`, minutes: p.hour * 60 + p.minute };
}

export type Disambiguation =
  /** Earlier of two for a repeated time; for a skipped time, the instant the clock jumped past it (like Temporal's "compatible"). */
  | 'compatible'
  /** Throw for a skipped or repeated local time. */
  | 'reject';

export class LocalTimeError extends Error {
  constructor(
    readonly kind: 'skipped' | 'repeated',
    message: string,
  ) {
    super(message);
    this.name = 'LocalTimeError';
  }
}

/** The instant at which the wall clock of `zone` shows `local`. */
export function fromZoned(local: LocalDateTime, zone: string, disambiguation: Disambiguation = 'compatible'): Date {
  const { year, month, day } = parseIsoDate(local.date);
  const asUtc = Date.UTC(year, month - 1, day, 0, local.minutes);
  const hour = 3_600_000;
  const offsets = new Set([offsetMinutes(asUtc - 24 * hour, zone), offsetMinutes(asUtc + 24 * hour, zone), offsetMinutes(asUtc, zone)]);
  const matches = [...offsets]
    .map((offset) => asUtc - offset * 60_000)
    .filter((candidate) => {
      const back = toZoned(new Date(candidate), zone);
      return back.date === local.date && back.minutes === local.minutes;
    })
    .sort((a, b) => a - b);
  const label = `${local.date} ${formatMinutes(local.minutes)} in ${zone}`;
  if (matches.length === 0) {
    if (disambiguation === 'reject') throw new LocalTimeError('skipped', `${label} does not exist (the clocks skip it for daylight saving time)`);
    return new Date(asUtc - offsetMinutes(asUtc - 24 * hour, zone) * 60_000);
  }
  if (matches.length > 1 && disambiguation === 'reject') {
    throw new LocalTimeError('repeated', `${label} happens twice (the clocks go back for daylight saving time)`);
  }
  return new Date(matches[0]!);
}

/** "HH:MM" for minutes since midnight. */
export function formatMinutes(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Minutes since midnight for "HH:MM" (00:00-24:00). */
export function parseClock(value: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** [start, end) of the calendar day `date` in `zone` (23 or 25 hours long on DST days). */
export function dayBounds(date: IsoDate, zone: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: fromZoned({ date, minutes: 0 }, zone), endsAt: fromZoned({ date: addDays(date, 1), minutes: 0 }, zone) };
}

/** A short zone label at an instant, e.g. "CET", "GMT+2", "EDT". */
export function zoneAbbreviation(instant: Date, zone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}
