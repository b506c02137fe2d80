import { formatMinutes, toZoned } from '@padmeet/schedule';

/** "2026-12-01 10:00–11:00" in `zone` (the archive shows the event's zone, which it names). */
export function when(startsAt: Date, endsAt: Date, zone: string): string {
  const start = toZoned(startsAt, zone);
  const end = toZoned(endsAt, zone);
  return `${start.date} ${formatMinutes(start.minutes)}–${end.date === start.date ? '' : `${end.date} `}${formatMinutes(end.minutes)}`;
}

/** "10:05" in `zone`. */
export function clock(instant: Date, zone: string): string {
  return formatMinutes(toZoned(instant, zone).minutes);
}
