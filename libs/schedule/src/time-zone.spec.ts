import { describe, expect, it } from 'vitest';
import { addDays, dayBounds, datesBetween, fromZoned, isValidTimeZone, LocalTimeError, offsetMinutes, parseClock, toZoned } from './time-zone';

describe('time zones', () => {
  it('converts wall times to instants and back, per zone', () => {
    expect(fromZoned({ date: '2026-12-01', minutes: 14 * 60 }, 'Europe/Berlin').toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(fromZoned({ date: '2026-12-01', minutes: 14 * 60 }, 'America/New_York').toISOString()).toBe('2026-12-01T19:00:00.000Z');
    expect(fromZoned({ date: '2026-12-01', minutes: 9 * 60 + 30 }, 'Asia/Kolkata').toISOString()).toBe('2026-12-01T04:00:00.000Z');
    expect(toZoned(new Date('2026-12-01T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-12-02', minutes: 8 * 60 + 30 });
    expect(toZoned(new Date('2026-12-01T03:00:00Z'), 'America/Los_Angeles')).toEqual({ date: '2026-11-30', minutes: 19 * 60 });
  });

  it('follows a DST change: offsets before and after the switch', () => {
    expect(offsetMinutes(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(120);
    // The same wall time the day before and the day after the switch is an hour apart in UTC.
    expect(fromZoned({ date: '2026-03-28', minutes: 10 * 60 }, 'Europe/Berlin').toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(fromZoned({ date: '2026-03-29', minutes: 10 * 60 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T08:00:00.000Z');
  });

  it('refuses or resolves a wall time the clocks skip (spring forward)', () => {
    expect(() => fromZoned({ date: '2026-03-29', minutes: 2 * 60 + 30 }, 'Europe/Berlin', 'reject')).toThrow(LocalTimeError);
    expect(() => fromZoned({ date: '2026-03-29', minutes: 2 * 60 + 30 }, 'Europe/Berlin', 'reject')).toThrow(/does not exist/);
    // compatible: 02:30 CET does not exist; the clock shows 03:30 CEST at that moment.
    expect(fromZoned({ date: '2026-03-29', minutes: 2 * 60 + 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses or resolves a wall time that happens twice (fall back)', () => {
    expect(() => fromZoned({ date: '2026-10-25', minutes: 2 * 60 + 30 }, 'Europe/Berlin', 'reject')).toThrow(/happens twice/);
    expect(fromZoned({ date: '2026-10-25', minutes: 2 * 60 + 30 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('has 23- and 25-hour days on DST changes', () => {
    const spring = dayBounds('2026-03-08', 'America/New_York');
    expect((spring.endsAt.getTime() - spring.startsAt.getTime()) / 3_600_000).toBe(23);
    const autumn = dayBounds('2026-11-01', 'America/New_York');
    expect((autumn.endsAt.getTime() - autumn.startsAt.getTime()) / 3_600_000).toBe(25);
    const plain = dayBounds('2026-12-01', 'UTC');
    expect(plain).toEqual({ startsAt: new Date('2026-12-01T00:00:00Z'), endsAt: new Date('2026-12-02T00:00:00Z') });
  });

  it('validates zones and clocks, walks dates', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(parseClock('09:15')).toBe(555);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('25:00')).toBeNull();
    expect(parseClock('9:15')).toBeNull();
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(datesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
