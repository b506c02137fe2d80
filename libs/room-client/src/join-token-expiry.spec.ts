import { describe, expect, it } from 'vitest';
import { describeMediaError } from './media-session';
import { isJoinTokenExpired, joinTokenExpiresAt } from './join-token-expiry';

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

describe('describeMediaError', () => {
  it('says what to do about a blocked or missing camera', () => {
    expect(describeMediaError(new DOMException('denied', 'NotAllowedError'))).toMatch(/^Camera blocked/);
    expect(describeMediaError(new DOMException('none', 'NotFoundError'))).toMatch(/No camera or microphone/);
    expect(describeMediaError(new Error('weird'))).toMatch(/weird/);
  });
});
