import { describe, expect, it } from 'vitest';
import { isJoinTokenExpired, joinTokenCanPublish, joinTokenExpiresAt, joinTokenSubject, refreshDelayMs } from './join-token-expiry';

const tokenWith = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('join token expiry (unverified, for messages only)', () => {
  it('reads exp in ms and compares with now', () => {
    const token = tokenWith({ exp: 1_700_000_000, room: 'r' });
    expect(joinTokenExpiresAt(token)).toBe(1_700_000_000_000);
    expect(isJoinTokenExpired(token, 1_700_000_000_001)).toBe(true);
    expect(isJoinTokenExpired(token, 1_699_999_999_000)).toBe(false);
  });
  it('treats unreadable tokens as not known to be expired', () => {
    expect(joinTokenExpiresAt('garbage')).toBeUndefined();
    expect(joinTokenExpiresAt('a.%%%.c')).toBeUndefined();
    expect(isJoinTokenExpired(tokenWith({ room: 'r' }))).toBe(false);
  });
});

describe('joinTokenCanPublish', () => {
  it('asks for a send transport unless the token says it may not publish', () => {
    expect(joinTokenCanPublish(tokenWith({ canPublish: true }))).toBe(true);
    expect(joinTokenCanPublish(tokenWith({ canPublish: false }))).toBe(false);
    expect(joinTokenCanPublish('garbage')).toBe(true);
  });
});

describe('refreshDelayMs', () => {
  it('refreshes a 10-minute token at two thirds of its life, a short one 30 s before its end, an ending one at once', () => {
    expect(refreshDelayMs(600_000, 0)).toBe(400_000);
    expect(refreshDelayMs(60_000, 0)).toBe(30_000);
    expect(refreshDelayMs(20_000, 0)).toBe(1000);
    expect(refreshDelayMs(-5_000, 0)).toBe(1000);
  });
});

describe('joinTokenSubject', () => {
  it("reads the token's sub, or nothing from a token without one", () => {
    expect(joinTokenSubject(tokenWith({ sub: 'guest:abc' }))).toBe('guest:abc');
    expect(joinTokenSubject(tokenWith({ sub: 42 }))).toBeUndefined();
    expect(joinTokenSubject('garbage')).toBeUndefined();
  });
});
