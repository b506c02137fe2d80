import { describe, expect, it } from 'vitest';
import { etherpadCookieHeader, etherpadSessionIds } from './cookies';

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

describe('etherpadSessionIds', () => {
  it('reads one or several comma-joined session IDs, and nothing malformed', () => {
    expect(etherpadSessionIds('a=1; sessionID=s.0123456789abcdef0123456789abcdef')).toEqual(['s.0123456789abcdef0123456789abcdef']);
    expect(etherpadSessionIds('sessionID=s.aaaaaaaaaaaaaaaa%2Cs.bbbbbbbbbbbbbbbb')).toEqual(['s.aaaaaaaaaaaaaaaa', 's.bbbbbbbbbbbbbbbb']);
    expect(etherpadSessionIds('sessionID=s.aaaaaaaaaaaaaaaa,garbage')).toEqual(['s.aaaaaaaaaaaaaaaa']);
    expect(etherpadSessionIds('sessionID=%E0%A4%A')).toEqual([]);
    expect(etherpadSessionIds('other=1')).toEqual([]);
  });
});
