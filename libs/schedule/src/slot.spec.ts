import { describe, expect, it } from 'vitest';
import { checkEventWindow, checkSlot, dayWindow, eventBounds, freeSlots, overlaps, type BookedSlot, type EventWindow } from './slot';

const at = (iso: string) => new Date(iso);
const slot = (from: string, to: string) => ({ startsAt: at(from), endsAt: at(to) });
const berlin: EventWindow = { startsOn: '2026-03-28', endsOn: '2026-03-29', timeZone: 'Europe/Berlin' };
const booked: BookedSlot[] = [{ id: 's1', title: 'Nova: placement', ...slot('2026-03-28T13:00:00Z', '2026-03-28T14:00:00Z') }];

describe('overlap', () => {
  it('is half-open: back-to-back sessions do not overlap', () => {
    expect(overlaps(slot('2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z'), slot('2026-01-01T11:00:00Z', '2026-01-01T12:00:00Z'))).toBe(false);
    expect(overlaps(slot('2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z'), slot('2026-01-01T10:59:00Z', '2026-01-01T12:00:00Z'))).toBe(true);
    expect(overlaps(slot('2026-01-01T10:00:00Z', '2026-01-01T13:00:00Z'), slot('2026-01-01T11:00:00Z', '2026-01-01T12:00:00Z'))).toBe(true);
  });
});

describe('checkSlot', () => {
  it('accepts a free, aligned slot inside the event', () => {
    expect(checkSlot(slot('2026-03-28T14:00:00Z', '2026-03-28T15:00:00Z'), berlin, booked)).toBeNull();
  });

  it('refuses an overlap, naming the clash in the event zone, on the start field', () => {
    const problem = checkSlot(slot('2026-03-28T13:30:00Z', '2026-03-28T14:30:00Z'), berlin, booked);
    expect(problem?.field).toBe('start');
    expect(problem?.reason).toBe('taken');
    expect(problem?.message).toBe('The room is taken from 2026-03-28 14:00 to 15:00 (Europe/Berlin) by "Nova: placement".');
  });

  it('refuses an end before the start, short, long and unaligned sessions', () => {
    expect(checkSlot(slot('2026-03-28T15:00:00Z', '2026-03-28T14:00:00Z'), berlin, [])).toEqual({ field: 'end', reason: 'invalid', message: 'The session must end after it starts.' });
    expect(checkSlot(slot('2026-03-28T15:00:00Z', '2026-03-28T15:00:00Z'), berlin, [])?.field).toBe('end');
    expect(checkSlot(slot('2026-03-28T15:10:00Z', '2026-03-28T16:00:00Z'), berlin, [])?.message).toMatch(/quarter hour/);
    expect(checkSlot(slot('2026-03-28T06:00:00Z', '2026-03-28T15:00:00Z'), berlin, [])?.message).toMatch(/at most 8 hours/);
  });

  it('uses the event dates in its own zone, across its DST change', () => {
    const bounds = eventBounds(berlin);
    // 28 March 00:00 CET = 27 March 23:00 UTC; 30 March 00:00 CEST = 29 March 22:00 UTC.
    expect(bounds.startsAt.toISOString()).toBe('2026-03-27T23:00:00.000Z');
    expect(bounds.endsAt.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(checkSlot(slot('2026-03-27T23:00:00Z', '2026-03-28T00:00:00Z'), berlin, [])).toBeNull();
    expect(checkSlot(slot('2026-03-27T22:45:00Z', '2026-03-27T23:30:00Z'), berlin, [])?.field).toBe('start');
    expect(checkSlot(slot('2026-03-29T21:00:00Z', '2026-03-29T22:00:00Z'), berlin, [])).toBeNull();
    expect(checkSlot(slot('2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z'), berlin, [])).toMatchObject({ field: 'end', message: expect.stringMatching(/run past it/) });
  });
});

describe('checkEventWindow', () => {
  // Sessions on the first morning (09:00 Berlin) and the last evening (until 23:00 Berlin, 21:00 UTC after DST).
  const first: BookedSlot = { id: 'a', title: 'Zuul: kick-off', ...slot('2026-03-28T08:00:00Z', '2026-03-28T09:00:00Z') };
  const last: BookedSlot = { id: 'b', title: 'Nova: wrap-up', ...slot('2026-03-29T20:00:00Z', '2026-03-29T21:00:00Z') };
  const span = { first, last };

  it('accepts longer dates, and any dates when nothing is booked', () => {
    expect(checkEventWindow({ ...berlin, startsOn: '2026-03-27', endsOn: '2026-03-30' }, berlin, span)).toBeNull();
    expect(checkEventWindow({ ...berlin, startsOn: '2026-04-02', endsOn: '2026-04-02' }, berlin, null)).toBeNull();
  });

  it('refuses a last day before the first', () => {
    expect(checkEventWindow({ ...berlin, endsOn: '2026-03-27' }, berlin, null)).toEqual({ field: 'endsOn', message: 'The last day cannot be before the first' });
  });

  it('refuses dates that would leave a session outside, naming it in the event zone', () => {
    expect(checkEventWindow({ ...berlin, startsOn: '2026-03-29' }, berlin, span)).toEqual({
      field: 'startsOn',
      message: '"Zuul: kick-off" (2026-03-28 09:00, Europe/Berlin) would fall before the first day; move or cancel it first.',
    });
    expect(checkEventWindow({ ...berlin, endsOn: '2026-03-28' }, berlin, span)).toEqual({
      field: 'endsOn',
      message: '"Nova: wrap-up" (2026-03-29 22:00, Europe/Berlin) would fall after the last day; move or cancel it first.',
    });
  });

  it('refuses a zone change that pushes a session past midnight, on the zone field', () => {
    // 23:00 Berlin on the last day is 2026-03-30 07:00 in Tokyo.
    const tokyo = { ...berlin, timeZone: 'Asia/Tokyo' };
    expect(checkEventWindow(tokyo, berlin, span)?.field).toBe('timeZone');
    expect(checkEventWindow(tokyo, berlin, span)?.message).toContain('"Nova: wrap-up" (2026-03-30 05:00, Asia/Tokyo)');
  });
});

describe('freeSlots', () => {
  it('lists the gaps of a day between bookings, on the quarter-hour grid', () => {
    const window = dayWindow('2026-12-01', 'UTC', { fromMinutes: 9 * 60, toMinutes: 17 * 60 });
    const gaps = freeSlots(window, [slot('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z'), slot('2026-12-01T11:00:00Z', '2026-12-01T12:10:00Z'), slot('2026-12-01T16:50:00Z', '2026-12-01T18:00:00Z')]);
    expect(gaps.map((g) => [g.startsAt.toISOString().slice(11, 16), g.endsAt.toISOString().slice(11, 16)])).toEqual([
      ['09:00', '10:00'],
      ['12:15', '16:45'],
    ]);
  });

  it('returns the whole window when nothing is booked and nothing when all is', () => {
    const window = slot('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z');
    expect(freeSlots(window, [])).toEqual([window]);
    expect(freeSlots(window, [slot('2026-12-01T08:00:00Z', '2026-12-01T11:00:00Z')])).toEqual([]);
  });

  it('computes a local day window on a 23-hour DST day', () => {
    const window = dayWindow('2026-03-29', 'Europe/Berlin');
    expect((window.endsAt.getTime() - window.startsAt.getTime()) / 3_600_000).toBe(23);
  });
});
