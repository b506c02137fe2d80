import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address';

describe('clientAddressOf', () => {
  it('reads the address the web server set, from fetch Headers and from Node header records alike', () => {
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddressOf({ 'x-forwarded-for': ' 2001:db8::1 ' })).toBe('2001:db8::1');
    expect(clientAddressOf({ 'x-forwarded-for': ['198.51.100.2', '10.0.0.1'] })).toBe('198.51.100.2');
    expect(clientAddressOf(new Headers({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9');
  });

  it('is null without one, and never falls back to X-Real-IP (a header any client can write)', () => {
    expect(clientAddressOf(new Headers({ 'x-real-ip': '198.51.100.2' }))).toBeNull();
    expect(clientAddressOf({ 'x-forwarded-for': '' })).toBeNull();
    expect(clientAddressOf({})).toBeNull();
    expect(clientAddressOf(undefined)).toBeNull();
  });
});
