/** The browser's own IANA zone ("UTC" when it cannot tell). */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * Every IANA zone the browser knows (`Intl.supportedValuesOf`), UTC first, with
 * `include` added when missing (an event's stored zone, or an alias such as
 * "Etc/UTC" a browser reports as its own). Call in the browser only: the list
 * differs between Node's and the browser's ICU data.
 */
export function timeZoneOptions(...include: string[]): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', ...include.filter(Boolean), ...supported])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}
