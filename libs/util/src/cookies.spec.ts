import { describe, expect, it } from 'vitest';
import { parseCookieHeader } from './cookies';

describe('parseCookieHeader', () => {
  it('keeps a cookie with a stray `%` as it stands, and still decodes the others', () => {
    expect(parseCookieHeader('tracker=50%; theme=dark%20blue; broken=%E0%A4%A; empty=')).toEqual({ tracker: '50%', theme: 'dark blue', broken: '%E0%A4%A', empty: '' });
  });

  it('takes the first of a repeated name, and skips pairs without a name or a value', () => {
    expect(parseCookieHeader('a=1; a=2; =x; novalue')).toEqual({ a: '1' });
    expect(parseCookieHeader(' padmeet_guest = g1 ;other=2')).toEqual({ padmeet_guest: 'g1', other: '2' });
  });

  it('reads nothing from no header', () => {
    expect(parseCookieHeader(null)).toEqual({});
    expect(parseCookieHeader(undefined)).toEqual({});
    expect(parseCookieHeader('')).toEqual({});
  });
});
