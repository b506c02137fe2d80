import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { EventSchedule } from '@padmeet/data';
import { buildCalendar } from './calendar';

const ids = {
  event: '00000000-0000-4000-8000-000000000001',
  roomA: '00000000-0000-4000-8000-00000000000a',
  roomB: '00000000-0000-4000-8000-00000000000b',
  zuul: '00000000-0000-4000-8000-0000000000f1',
  nova: '00000000-0000-4000-8000-0000000000f2',
  s1: '00000000-0000-4000-8000-000000000101',
  s2: '00000000-0000-4000-8000-000000000102',
};

function schedule(edit?: { title: string; startsAt: Date; endsAt: Date; sequence: number; updatedAt: Date }): EventSchedule {
  const base = { agenda: '* item', sequence: 0, updatedAt: new Date('2026-11-01T10:00:00Z'), eventId: ids.event };
  return {
    event: { id: ids.event, slug: 'ptg', name: 'PTG', startsOn: '2026-03-28', endsOn: '2026-03-29', timeZone: 'Europe/Berlin', published: true, organiserIds: [] },
    rooms: [
      { id: ids.roomA, eventId: ids.event, slug: 'zuul-room', name: 'Zuul room', capacity: null, position: 0 },
      { id: ids.roomB, eventId: ids.event, slug: 'nova-room', name: 'Nova room', capacity: null, position: 1 },
    ],
    tracks: [
      { id: ids.zuul, eventId: ids.event, slug: 'zuul', name: 'Zuul', color: '#123456', position: 0, chairIds: [] },
      { id: ids.nova, eventId: ids.event, slug: 'nova', name: 'Nova', color: '#654321', position: 1, chairIds: [] },
    ],
    sessions: [
      // 14:00-15:00 CET on the day before the DST change, 14:00-15:00 CEST on the day of it.
      { ...base, id: ids.s1, trackId: ids.zuul, roomId: ids.roomA, title: 'Zuul v5', startsAt: new Date('2026-03-28T13:00:00Z'), endsAt: new Date('2026-03-28T14:00:00Z'), ...edit },
      { ...base, id: ids.s2, trackId: ids.nova, roomId: ids.roomB, title: 'Placement', startsAt: new Date('2026-03-29T12:00:00Z'), endsAt: new Date('2026-03-29T13:00:00Z') },
    ],
  };
}

const options = { baseUrl: 'https://meet.example.org', now: new Date('2026-11-25T00:00:00Z') };

function parse(ics: string | null) {
  expect(ics).not.toBeNull();
  const component = new ICAL.Component(ICAL.parse(ics!));
  return { component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('iCal feeds', () => {
  it('parse back with the event zone, its VTIMEZONE and the right instants across a DST change', () => {
    const { component, events } = parse(buildCalendar(schedule(), { kind: 'event' }, options));
    const vtimezone = component.getFirstSubcomponent('vtimezone');
    expect(vtimezone?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    ICAL.TimezoneService.register(vtimezone!);
    expect(events).toHaveLength(2);
    const [zuul, nova] = events;
    expect(zuul!.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(zuul!.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(zuul!.startDate.toString()).toBe('2026-03-28T14:00:00');
    expect(nova!.startDate.toString()).toBe('2026-03-29T14:00:00');
    expect(zuul!.startDate.toJSDate().toISOString()).toBe('2026-03-28T13:00:00.000Z');
    expect(nova!.startDate.toJSDate().toISOString()).toBe('2026-03-29T12:00:00.000Z');
    expect(nova!.endDate.toJSDate().toISOString()).toBe('2026-03-29T13:00:00.000Z');
    expect(zuul!.summary).toBe('Zuul: Zuul v5');
    expect(zuul!.location).toContain('https://meet.example.org/r/zuul-room');
    expect(zuul!.description).toContain('* item');
  });

  it('keeps the UID of an edited session and increments SEQUENCE, with LAST-MODIFIED', () => {
    const before = parse(buildCalendar(schedule(), { kind: 'event' }, options)).events[0]!;
    const edited = { title: 'Zuul v5 (moved)', startsAt: new Date('2026-03-28T15:00:00Z'), endsAt: new Date('2026-03-28T16:00:00Z'), sequence: 1, updatedAt: new Date('2026-11-20T08:00:00Z') };
    const afterIcs = buildCalendar(schedule(edited), { kind: 'event' }, options);
    // RFC 5545: LAST-MODIFIED and DTSTAMP are UTC.
    expect(afterIcs).toContain('LAST-MODIFIED:20261120T080000Z');
    expect(afterIcs).toContain('DTSTAMP:20261125T000000Z');
    expect(afterIcs).toContain('DTSTART;TZID=Europe/Berlin:20260328T160000');
    const after = parse(afterIcs).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(before.uid).toBe(`session-${ids.s1}@meet.example.org`);
    expect(before.sequence).toBe(0);
    expect(after.sequence).toBe(1);
    expect(after.summary).toBe('Zuul: Zuul v5 (moved)');
    expect((after.component.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().toISOString()).toBe('2026-11-20T08:00:00.000Z');
  });

  it('filters per room and per track, and refuses unknown ones', () => {
    expect(parse(buildCalendar(schedule(), { kind: 'room', roomSlug: 'nova-room' }, options)).events.map((e) => e.summary)).toEqual(['Nova: Placement']);
    expect(parse(buildCalendar(schedule(), { kind: 'track', trackSlug: 'zuul' }, options)).events.map((e) => e.summary)).toEqual(['Zuul: Zuul v5']);
    expect(buildCalendar(schedule(), { kind: 'track', trackSlug: 'nope' }, options)).toBeNull();
  });
});
