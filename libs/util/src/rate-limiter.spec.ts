import { describe, expect, it } from 'vitest';
import { addressKey } from './rate-limiter';

// The limiter itself is tested in libs/accounts (rate-limiter.spec.ts), where it was first used.
describe('addressKey', () => {
  it('keeps IPv4 addresses whole, IPv4-mapped IPv6 included', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('keys IPv6 by its /64, however it is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('[2001:0db8:0001:0002::ffff]')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).not.toBe(addressKey('2001:db8:1:3:3:4:5:6'));
  });

  it('puts requests without an address under one shared key', () => {
    expect(addressKey(null)).toBe('unknown-address');
    expect(addressKey('  ')).toBe('unknown-address');
  });
});
