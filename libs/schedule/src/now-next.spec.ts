import { describe, expect, it } from 'vitest';
import { nextChangeAfter, nowAndNext } from './now-next';

const s = (id: string, from: string, to: string) => ({ id, startsAt: new Date(`2026-12-01T${from}:00Z`), endsAt: new Date(`2026-12-01T${to}:00Z`) });
const sessions = [s('b', '11:00', '12:00'), s('a', '09:00', '10:00'), s('c', '12:00', '13:00')];

describe('now / next', () => {
  it('finds the running and the following session', () => {
    expect(nowAndNext(sessions, new Date('2026-12-01T09:30:00Z'))).toMatchObject({ current: { id: 'a' }, next: { id: 'b' } });
    expect(nowAndNext(sessions, new Date('2026-12-01T10:30:00Z'))).toMatchObject({ current: null, next: { id: 'b' } });
    // At the exact boundary the new session is current.
    expect(nowAndNext(sessions, new Date('2026-12-01T12:00:00Z'))).toMatchObject({ current: { id: 'c' }, next: null });
    expect(nowAndNext(sessions, new Date('2026-12-01T14:00:00Z'))).toEqual({ current: null, next: null });
  });

  it('knows when the view changes next', () => {
    expect(nextChangeAfter(sessions, new Date('2026-12-01T09:30:00Z'))?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(nextChangeAfter(sessions, new Date('2026-12-01T10:00:00Z'))?.toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(nextChangeAfter(sessions, new Date('2026-12-01T13:00:00Z'))).toBeNull();
  });
});
