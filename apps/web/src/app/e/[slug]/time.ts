import { toZoned, formatMinutes } from '@padmeet/schedule';

/** "14:30" in `zone`. */
export function clockIn(instant: Date, zone: string): string {
  return formatMinutes(toZoned(instant, zone).minutes);
}

/** "Tue 1 Dec" for a "YYYY-MM-DD" date. */
export function dayLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Zones offered in the switcher: the viewer's, the event's, UTC and a few common ones. */
export function zoneChoices(...first: string[]): string[] {
  const common = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney'];
  return [...new Set([...first.filter(Boolean), ...common])];
}
