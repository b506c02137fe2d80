import { describe, expect, it } from 'vitest';
import { RoomBans } from './bans';

const T0 = Date.UTC(2026, 10, 30, 18, 0, 0);

function bansAt(start = T0) {
  const clock = { now: start };
  return { clock, bans: new RoomBans(() => clock.now) };
}

describe('RoomBans', () => {
  it('refuses the removed subject and tokens in that room until the ban ends, and nobody else', () => {
    const { clock, bans } = bansAt();
    bans.ban('room-a', { subjects: ['guest:abc'], jtis: ['j1', 'j2'] }, { until: T0 + 60_000, byName: 'Chair' });
    expect(bans.banOf({ room: 'room-a', sub: 'guest:abc', jti: 'j9' })).toEqual({ until: T0 + 60_000, byName: 'Chair' });
    expect(bans.banOf({ room: 'room-a', sub: 'guest:other', jti: 'j2' })).toBeDefined();
    expect(bans.banOf({ room: 'room-a', sub: 'guest:other', jti: 'j3' })).toBeUndefined();
    expect(bans.banOf({ room: 'room-b', sub: 'guest:abc', jti: 'j1' })).toBeUndefined();
    clock.now = T0 + 59_999;
    expect(bans.banOf({ room: 'room-a', sub: 'guest:abc', jti: 'j1' })).toBeDefined();
    clock.now = T0 + 60_000;
    expect(bans.banOf({ room: 'room-a', sub: 'guest:abc', jti: 'j1' })).toBeUndefined();
    expect(bans.size).toBe(0);
  });

  it('keeps the longer of two bans of the same person, and ignores one that has already ended', () => {
    const { bans } = bansAt();
    bans.ban('room-a', { subjects: ['s'], jtis: [] }, { until: T0 + 120_000, byName: 'First' });
    bans.ban('room-a', { subjects: ['s'], jtis: [] }, { until: T0 + 60_000, byName: 'Second' });
    expect(bans.banOf({ room: 'room-a', sub: 's', jti: 'x' })).toEqual({ until: T0 + 120_000, byName: 'First' });
    bans.ban('room-a', { subjects: ['t'], jtis: ['jt'] }, { until: T0, byName: 'Late' });
    expect(bans.banOf({ room: 'room-a', sub: 't', jti: 'jt' })).toBeUndefined();
    expect(bans.size).toBe(1);
  });
});
