import { describe, expect, it } from 'vitest';
import { isJoinTokenExpired, joinTokenCanPublish, joinTokenExpiresAt } from './join-token-expiry';

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
