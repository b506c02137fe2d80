import { describe, expect, it } from 'vitest';
import { padSessionIdsFromCookie } from './session-cookie';

describe('padSessionIdsFromCookie', () => {
  it('reads one or several comma-joined session IDs, and nothing malformed', () => {
    expect(padSessionIdsFromCookie('a=1; sessionID=s.0123456789abcdef0123456789abcdef')).toEqual(['s.0123456789abcdef0123456789abcdef']);
    expect(padSessionIdsFromCookie('sessionID=s.aaaaaaaaaaaaaaaa%2Cs.bbbbbbbbbbbbbbbb')).toEqual(['s.aaaaaaaaaaaaaaaa', 's.bbbbbbbbbbbbbbbb']);
    expect(padSessionIdsFromCookie('sessionID=s.aaaaaaaaaaaaaaaa,garbage')).toEqual(['s.aaaaaaaaaaaaaaaa']);
    expect(padSessionIdsFromCookie('sessionID=%E0%A4%A')).toEqual([]);
    expect(padSessionIdsFromCookie('other=1')).toEqual([]);
    expect(padSessionIdsFromCookie(null)).toEqual([]);
  });
});
