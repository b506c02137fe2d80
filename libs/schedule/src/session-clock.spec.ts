import { describe, expect, it } from 'vitest';
import { checkExtension, checkHeldSessionChange, END_WARNING_MS, ENDED_NOTICE_MS, extendedEnd, formatCountdown, sessionPhase, type ClockSession } from './session-clock';
import type { EventWindow } from './slot';

const t = (iso: string) => Date.parse(iso);
const session = (id: string, title: string, from: string, to: string): ClockSession => ({ id, title, startsAt: new Date(from), endsAt: new Date(to) });
const zuul = session('s1', 'Zuul: v5', '2026-03-28T09:00:00Z', '2026-03-28T10:00:00Z');
const nova = session('s2', 'Nova: placement', '2026-03-28T11:00:00Z', '2026-03-28T12:00:00Z');
const berlin: EventWindow = { startsOn: '2026-03-28', endsOn: '2026-03-29', timeZone: 'Europe/Berlin' };

describe('sessionPhase', () => {
  it('is running with the time left while more than 5 minutes remain', () => {
    expect(sessionPhase({ current: zuul, next: nova }, t('2026-03-28T09:30:00Z'))).toEqual({ kind: 'running', session: zuul, remainingMs: 30 * 60_000 });
    expect(sessionPhase({ current: zuul, next: nova }, zuul.endsAt.getTime() - END_WARNING_MS - 1).kind).toBe('running');
  });

  it('warns from 5 minutes before the end until the end', () => {
    expect(sessionPhase({ current: zuul, next: nova }, zuul.endsAt.getTime() - END_WARNING_MS)).toEqual({ kind: 'warning', session: zuul, remainingMs: END_WARNING_MS });
    expect(sessionPhase({ current: zuul, next: nova }, zuul.endsAt.getTime() - 1)).toMatchObject({ kind: 'warning', remainingMs: 1 });
  });

  it('says the session ended, with what is next, at its end even before the stream pushed the change', () => {
    expect(sessionPhase({ current: zuul, next: nova }, zuul.endsAt.getTime())).toEqual({ kind: 'ended', session: zuul, next: nova });
  });

  it('keeps saying so after the push removed it (the page remembers the session it saw), then becomes the hallway', () => {
    const end = zuul.endsAt.getTime();
    expect(sessionPhase({ current: null, next: nova, previous: zuul }, end + 60_000)).toEqual({ kind: 'ended', session: zuul, next: nova });
    expect(sessionPhase({ current: null, next: nova, previous: zuul }, end + ENDED_NOTICE_MS)).toEqual({ kind: 'hallway', next: nova });
    expect(sessionPhase({ current: null, next: null, previous: zuul }, end + 1)).toEqual({ kind: 'ended', session: zuul, next: null });
  });

  it('is the hallway between sessions, naming the next one, or nothing later', () => {
    expect(sessionPhase({ current: null, next: nova }, t('2026-03-28T08:00:00Z'))).toEqual({ kind: 'hallway', next: nova });
    expect(sessionPhase({ current: null, next: null }, t('2026-03-28T08:00:00Z'))).toEqual({ kind: 'hallway', next: null });
  });

  it('runs the next session once it starts, even before the push (back to back)', () => {
    const back = session('s3', 'Cinder', '2026-03-28T10:00:00Z', '2026-03-28T10:30:00Z');
    expect(sessionPhase({ current: zuul, next: back }, t('2026-03-28T10:00:00Z'))).toEqual({ kind: 'running', session: back, remainingMs: 30 * 60_000 });
  });

  it('follows an extension: the same session with a later end runs again', () => {
    const extended = { ...zuul, endsAt: extendedEnd(zuul) };
    expect(sessionPhase({ current: extended, next: nova, previous: zuul }, zuul.endsAt.getTime() + 1)).toMatchObject({ kind: 'running', session: extended });
  });
});

describe('formatCountdown', () => {
  it('shows minutes:seconds under an hour, hours from an hour, rounding up, never negative', () => {
    expect(formatCountdown(12 * 60_000 + 34_000)).toBe('12:34');
    expect(formatCountdown(4 * 60_000 + 59_001)).toBe('05:00');
    expect(formatCountdown(999)).toBe('00:01');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5_000)).toBe('00:00');
  });
});

describe('checkExtension', () => {
  const now = t('2026-03-28T09:50:00Z');

  it('allows 15 minutes into free time', () => {
    expect(extendedEnd(zuul)).toEqual(new Date('2026-03-28T10:15:00Z'));
    expect(checkExtension(zuul, 1, berlin, [nova], now)).toBeNull();
    expect(checkExtension(zuul, 4, berlin, [zuul, nova], now)).toBeNull();
  });

  it('refuses to run into the next session, naming it and its start in the event zone', () => {
    expect(checkExtension(zuul, 5, berlin, [nova], now)).toEqual({
      reason: 'taken',
      message: 'The next session here, "Nova: placement", starts at 12:00 (Europe/Berlin); this session cannot run into it.',
    });
    const backToBack = session('s3', 'Cinder', '2026-03-28T10:00:00Z', '2026-03-28T10:30:00Z');
    expect(checkExtension(zuul, 1, berlin, [backToBack, nova], now)?.message).toContain('"Cinder", starts at 11:00');
  });

  it('names the date of a next session that starts past midnight', () => {
    const late = session('s4', 'Late: v5', '2026-03-28T22:00:00Z', '2026-03-28T22:45:00Z');
    const early = session('s5', 'Swift', '2026-03-28T23:00:00Z', '2026-03-28T23:30:00Z');
    expect(checkExtension(late, 2, berlin, [early], t('2026-03-28T22:30:00Z'))?.message).toBe(
      'The next session here, "Swift", starts at 2026-03-29 00:00 (Europe/Berlin); this session cannot run into it.',
    );
  });

  it('refuses a session that has ended, a step that is not whole, and an end past the event or 8 hours', () => {
    expect(checkExtension(zuul, 1, berlin, [], zuul.endsAt.getTime())).toEqual({ reason: 'ended', message: '"Zuul: v5" has already ended.' });
    expect(checkExtension(zuul, 0, berlin, [], now)?.reason).toBe('invalid');
    expect(checkExtension(zuul, 1.5, berlin, [], now)?.reason).toBe('invalid');
    // 29 March is the spring-forward day in Berlin: midnight is 22:00 UTC.
    const late = session('s4', 'Late', '2026-03-29T21:15:00Z', '2026-03-29T22:00:00Z');
    expect(checkExtension(late, 1, berlin, [], t('2026-03-29T21:10:00Z'))).toMatchObject({ reason: 'invalid', message: expect.stringContaining('ends on 2026-03-29 at midnight') });
    const long = session('s5', 'Long', '2026-03-28T08:00:00Z', '2026-03-28T16:00:00Z');
    expect(checkExtension(long, 1, berlin, [], t('2026-03-28T09:00:00Z'))).toMatchObject({ reason: 'invalid', message: 'A session lasts at most 8 hours.' });
  });
});

describe('checkHeldSessionChange', () => {
  const held = { ...zuul, roomId: 'r1' };
  const before = t('2026-03-28T08:59:00Z');
  const during = t('2026-03-28T09:30:00Z');
  const after = t('2026-03-28T10:00:00Z');

  it('lets everything change before the start', () => {
    expect(checkHeldSessionChange(held, { cancel: true }, before)).toBeNull();
    expect(checkHeldSessionChange(held, { roomId: 'r2', startsAt: new Date('2026-03-28T08:00:00Z'), endsAt: new Date('2026-03-28T08:30:00Z') }, before)).toBeNull();
  });

  it('refuses to cancel a running or past session, saying its record stays', () => {
    expect(checkHeldSessionChange(held, { cancel: true }, during)?.message).toBe('"Zuul: v5" is running and its notes, chat and attendance stay in the archive: it cannot be cancelled (change its end instead).');
    expect(checkHeldSessionChange(held, { cancel: true }, after)?.message).toBe('"Zuul: v5" has already taken place and its notes, chat and attendance stay in the archive: it cannot be cancelled.');
  });

  it('fixes the room and start once started, the end once ended; unchanged values and the title pass', () => {
    expect(checkHeldSessionChange(held, { roomId: 'r2' }, during)).toEqual({ field: 'roomId', message: '"Zuul: v5" has already started: it stays in its room.' });
    expect(checkHeldSessionChange(held, { startsAt: new Date('2026-03-28T09:15:00Z') }, during)?.field).toBe('start');
    expect(checkHeldSessionChange(held, { endsAt: new Date('2026-03-28T10:30:00Z') }, during)).toBeNull();
    expect(checkHeldSessionChange(held, { endsAt: new Date('2026-03-28T09:15:00Z') }, during)).toEqual({ field: 'end', message: '"Zuul: v5" is running: its new end must be later than now.' });
    expect(checkHeldSessionChange(held, { endsAt: new Date('2026-03-28T10:30:00Z') }, after)).toEqual({ field: 'end', message: '"Zuul: v5" has already ended: its end cannot change.' });
    expect(checkHeldSessionChange(held, { roomId: 'r1', startsAt: new Date(zuul.startsAt), endsAt: new Date(zuul.endsAt) }, after)).toBeNull();
  });
});
