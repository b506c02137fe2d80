import { describe, expect, it } from 'vitest';
import { createStreamLimiter, type StreamTicket } from './stream-limit';

const released = (ticket: StreamTicket) => {
  if (!ticket.ok) throw new Error('refused');
  return ticket.release;
};

describe('stream limiter', () => {
  it('refuses an address beyond its cap with 429 and frees a place when a stream closes', () => {
    const limiter = createStreamLimiter({ perAddress: 2, total: 100 });
    const first = released(limiter.open('203.0.113.9'));
    released(limiter.open('203.0.113.9'));
    expect(limiter.open('203.0.113.9')).toMatchObject({ ok: false, status: 429, retryAfterSeconds: expect.any(Number) });
    expect(limiter.open('198.51.100.1').ok).toBe(true);
    first();
    first(); // a second release of one stream changes nothing
    expect(limiter.open('203.0.113.9').ok).toBe(true);
    expect(limiter.open('203.0.113.9').ok).toBe(false);
    expect(limiter.stats()).toEqual({ open: 3, addresses: 2 });
  });

  it('counts an IPv6 client by its /64', () => {
    const limiter = createStreamLimiter({ perAddress: 2, total: 100 });
    expect(limiter.open('2001:db8:1:2::1').ok).toBe(true);
    expect(limiter.open('2001:db8:1:2:ffff::7').ok).toBe(true);
    expect(limiter.open('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toMatchObject({ ok: false, status: 429 });
    expect(limiter.open('2001:db8:1:3::1').ok).toBe(true);
  });

  it('refuses everyone with 503 once the server holds its total, and takes streams again as they close', () => {
    const limiter = createStreamLimiter({ perAddress: 5, total: 3 });
    const releases = ['192.0.2.1', '192.0.2.2', '192.0.2.3'].map((address) => released(limiter.open(address)));
    expect(limiter.open('192.0.2.4')).toMatchObject({ ok: false, status: 503, message: expect.stringMatching(/try again/) });
    releases[0]!();
    expect(limiter.open('192.0.2.4').ok).toBe(true);
    expect(limiter.stats().open).toBe(3);
  });
});
