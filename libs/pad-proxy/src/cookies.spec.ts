import { describe, expect, it } from 'vitest';
import { etherpadCookieHeader } from './cookies';

describe('etherpadCookieHeader', () => {
  it("keeps Etherpad's cookies and drops padmeet's", () => {
    const header = 'next-auth.session-token=secret; sessionID=s.0123456789abcdef; token=t.abc; next-auth.csrf-token=x; express_sid=s%3Aabc; language=en';
    expect(etherpadCookieHeader(header)).toBe('sessionID=s.0123456789abcdef; token=t.abc; express_sid=s%3Aabc; language=en');
    expect(etherpadCookieHeader('__Secure-next-auth.session-token=secret')).toBeUndefined();
    expect(etherpadCookieHeader(undefined)).toBeUndefined();
    // A name that merely starts like one of Etherpad's is not it.
    expect(etherpadCookieHeader('sessionIDx=1; tokens=2')).toBeUndefined();
  });
});
