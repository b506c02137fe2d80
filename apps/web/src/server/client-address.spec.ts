import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '@padmeet/util';
import { clientAddressHeaders, resolveClientAddress } from './client-address';

describe('resolveClientAddress', () => {
  it('without trusted proxies: the socket peer, whatever X-Forwarded-For claims', () => {
    expect(resolveClientAddress('203.0.113.7', '198.51.100.2', 0)).toBe('198.51.100.2');
    expect(resolveClientAddress(undefined, '::ffff:198.51.100.2', 0)).toBe('198.51.100.2');
    expect(resolveClientAddress('1.2.3.4', undefined, 0)).toBeNull();
  });

  it('behind one proxy: the address that proxy saw (the rightmost entry), not what the client wrote before it', () => {
    expect(resolveClientAddress('6.6.6.6, 203.0.113.7', '10.0.0.1', 1)).toBe('203.0.113.7');
    expect(resolveClientAddress(['6.6.6.6', '203.0.113.7'], '10.0.0.1', 1)).toBe('203.0.113.7');
  });

  it('behind two proxies: two from the right', () => {
    expect(resolveClientAddress('6.6.6.6, 203.0.113.7, 10.0.0.2', '10.0.0.1', 2)).toBe('203.0.113.7');
  });

  it('a chain shorter than the trusted hops stops at its leftmost entry', () => {
    expect(resolveClientAddress('203.0.113.7', '10.0.0.1', 3)).toBe('203.0.113.7');
    expect(resolveClientAddress(undefined, '10.0.0.1', 1)).toBe('10.0.0.1');
  });

  it('an entry that is not an address ends the walk at the last one vouched for', () => {
    expect(resolveClientAddress('203.0.113.7, not-an-ip', '10.0.0.1', 2)).toBe('10.0.0.1');
    expect(resolveClientAddress('2001:DB8::1', '10.0.0.1', 1)).toBe('2001:db8::1');
    expect(resolveClientAddress('[2001:db8::1]', '10.0.0.1', 1)).toBe('2001:db8::1');
  });
});

describe('clientAddressHeaders', () => {
  it('carries the address the server vouched for, so the API context limits that address', () => {
    const request = new Headers({ 'x-forwarded-for': '203.0.113.7', cookie: 'next-auth.session-token=abc', authorization: 'Bearer x', 'user-agent': 'ua' });
    const headers = clientAddressHeaders(request);
    expect(clientAddressOf(headers)).toBe('203.0.113.7');
    expect([...headers.keys()]).toEqual(['x-forwarded-for']);
  });

  it('is empty when the request has no address (a read of the server itself)', () => {
    expect([...clientAddressHeaders(new Headers({ cookie: 'a=b' })).keys()]).toEqual([]);
  });
});
