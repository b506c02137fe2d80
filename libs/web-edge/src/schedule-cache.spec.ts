import { describe, expect, it } from 'vitest';
import { announceScheduleChange, nowNextRule, onScheduleChange, schedulePageRule } from './schedule-cache';

const url = (path: string) => new URL(path, 'http://padmeet.test');

describe('schedule page rule', () => {
  it('serves /e/<slug> under one entry whatever the query (the page reads ?tz= and ?at= in the browser)', () => {
    expect(schedulePageRule.match('GET', url('/e/ptg-2026'), {})).toEqual({ key: 'ptg-2026', tag: 'ptg-2026', fillPath: '/e/ptg-2026' });
    expect(schedulePageRule.match('GET', url('/e/ptg-2026?tz=Asia/Tokyo'), {})?.fillPath).toBe('/e/ptg-2026');
  });

  it("leaves Next's RSC requests, other paths and malformed slugs to Next", () => {
    expect(schedulePageRule.match('GET', url('/e/ptg-2026?_rsc=1x2y'), {})).toBeNull();
    expect(schedulePageRule.match('GET', url('/e/ptg-2026'), { rsc: '1' })).toBeNull();
    expect(schedulePageRule.match('GET', url('/e/ptg-2026'), { 'next-router-prefetch': '1' })).toBeNull();
    expect(schedulePageRule.match('GET', url('/e/ptg-2026/edit'), {})).toBeNull();
    expect(schedulePageRule.match('GET', url('/e/PTG%202026'), {})).toBeNull();
    expect(schedulePageRule.match('GET', url('/r/ptg-2026'), {})).toBeNull();
  });
});

describe('now/next rule', () => {
  const json = (value: unknown) => ({ status: 200, headers: [], body: Buffer.from(JSON.stringify(value)) });

  it('serves the plain JSON; the SSE stream and any query (the test clock) go to Next', () => {
    expect(nowNextRule.match('GET', url('/api/events/ptg-2026/now-next'), { accept: '*/*' })?.key).toBe('ptg-2026');
    expect(nowNextRule.match('GET', url('/api/events/ptg-2026/now-next'), { accept: 'text/event-stream' })).toBeNull();
    expect(nowNextRule.match('GET', url('/api/events/ptg-2026/now-next?at=2030-01-01T00:00:00Z'), {})).toBeNull();
    expect(nowNextRule.match('GET', url('/api/events/x/now-next'), {})).toBeNull();
  });

  it('never keeps an answer past the moment it changes', () => {
    const now = Date.parse('2030-01-01T10:00:00Z');
    expect(nowNextRule.lifetime(json({ nextChangeAt: '2030-01-01T10:00:00.400Z' }), now)).toEqual({ freshMs: 400, maxMs: 400 });
    expect(nowNextRule.lifetime(json({ nextChangeAt: '2030-01-01T11:00:00Z' }), now)).toEqual({ freshMs: 1_000, maxMs: 30_000 });
    expect(nowNextRule.lifetime(json({ nextChangeAt: null }), now)).toEqual({ freshMs: 1_000, maxMs: 30_000 });
  });

  it('keeps nothing it cannot read', () => {
    const now = Date.now();
    expect(nowNextRule.lifetime({ status: 200, headers: [], body: Buffer.from('<html>') }, now)).toEqual({ freshMs: 0, maxMs: 0 });
    expect(nowNextRule.lifetime(json({ nextChangeAt: 'soon' }), now)).toEqual({ freshMs: 0, maxMs: 0 });
    expect(nowNextRule.lifetime(json({}), now)).toEqual({ freshMs: 0, maxMs: 0 });
  });
});

describe('schedule change announcements', () => {
  it('reach every listener in the process until it unsubscribes', () => {
    const heard: string[] = [];
    const stop = onScheduleChange((slug) => heard.push(slug));
    announceScheduleChange('ptg-2026');
    stop();
    announceScheduleChange('other');
    expect(heard).toEqual(['ptg-2026']);
  });
});
