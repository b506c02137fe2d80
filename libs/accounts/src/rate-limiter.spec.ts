import { describe, expect, it } from 'vitest';
import { isAppError } from '@padmeet/util';
import { createAttemptGuard } from './attempt-guard';
import { createRateLimiter } from './rate-limiter';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('sliding-window rate limiter', () => {
  it('allows `limit` attempts per window, then refuses with the seconds to wait, then lifts', () => {
    const c = clock();
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: c.now });
    expect(limiter.consume('k').allowed).toBe(true);
    c.advance(10_000);
    expect(limiter.consume('k').allowed).toBe(true);
    expect(limiter.consume('k').allowed).toBe(true);
    const refused = limiter.consume('k');
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 50 });
    expect(limiter.consume('other').allowed).toBe(true);
    c.advance(50_000);
    // The first attempt left the window: one slot free, the others still count.
    expect(limiter.consume('k').allowed).toBe(true);
    expect(limiter.consume('k')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    c.advance(60_000);
    expect(limiter.peek('k').allowed).toBe(true);
  });

  it('does not count refused attempts, and refund gives an attempt back', () => {
    const c = clock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 1_000, now: c.now });
    limiter.consume('k');
    limiter.consume('k');
    for (let i = 0; i < 100; i++) limiter.consume('k');
    c.advance(1_001);
    expect(limiter.consume('k').allowed).toBe(true);
    limiter.refund('k');
    expect(limiter.consume('k').allowed).toBe(true);
    expect(limiter.consume('k').allowed).toBe(true);
    expect(limiter.consume('k').allowed).toBe(false);
  });

  it('bounds memory by dropping the least recently used keys', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.consume(`k${i}`);
    expect(limiter.size()).toBe(100);
  });
});

describe('attempt guard (per address, per username, per both)', () => {
  const limits = {
    perAddressAndUsername: { limit: 2, windowMs: 60_000 },
    perAddress: { limit: 4, windowMs: 60_000 },
    perUsername: { limit: 5, windowMs: 60_000 },
  };
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      if (isAppError(error)) return error;
      throw error;
    }
    return null;
  };

  it('refuses one address hammering one username, with "try again in N s"', () => {
    const c = clock();
    const guard = createAttemptGuard(limits, c.now);
    guard.begin('10.0.0.1', 'ada');
    guard.begin('10.0.0.1', 'ada');
    const error = refusal(() => guard.begin('10.0.0.1', 'ada'));
    expect(error?.code).toBe('RATE_LIMITED');
    expect(error?.retryAfterSeconds).toBe(60);
    expect(error?.userMessage).toBe('Too many attempts; try again in 60 s.');
    // Another address for the same user still gets through.
    expect(refusal(() => guard.begin('10.0.0.2', 'ada'))).toBeNull();
    c.advance(60_001);
    expect(refusal(() => guard.begin('10.0.0.1', 'ada'))).toBeNull();
  });

  it('refuses one address spraying many usernames', () => {
    const guard = createAttemptGuard(limits);
    for (const name of ['a', 'b', 'c', 'd']) guard.begin('10.0.0.9', name);
    expect(refusal(() => guard.begin('10.0.0.9', 'e'))?.code).toBe('RATE_LIMITED');
    expect(refusal(() => guard.begin('10.0.0.10', 'e'))).toBeNull();
  });

  it('bounds many addresses against one username, and successes do not count', () => {
    const guard = createAttemptGuard(limits);
    guard.begin('10.1.0.1', 'grace').succeeded();
    guard.begin('10.1.0.1', 'grace').succeeded();
    guard.begin('10.1.0.1', 'grace').succeeded();
    for (let i = 0; i < 5; i++) guard.begin(`10.2.0.${i}`, 'grace');
    expect(refusal(() => guard.begin('10.3.0.1', 'grace'))?.code).toBe('RATE_LIMITED');
  });

  it('a stranger filling the username window does not keep the owner out from an address they signed in from before', () => {
    const c = clock();
    const guard = createAttemptGuard(limits, c.now);
    guard.begin('192.0.2.10', 'lin').succeeded();
    guard.begin('2001:db8:7:7::1', 'lin').succeeded();
    c.advance(3_600_000);
    // A stranger spreads guesses over many addresses: the username window fills.
    for (let i = 0; i < 5; i++) guard.begin(`198.51.100.${i}`, 'lin');
    expect(refusal(() => guard.begin('198.51.100.99', 'lin'))?.code).toBe('RATE_LIMITED');
    // The owner, from home (IPv4) and from another address of the same IPv6 /64, still gets in.
    expect(refusal(() => guard.begin('192.0.2.10', 'lin').succeeded())).toBeNull();
    expect(refusal(() => guard.begin('2001:db8:7:7:abcd::42', 'lin').succeeded())).toBeNull();
    // Someone else at an address never used for this account is still held by the username window.
    expect(refusal(() => guard.begin('203.0.113.5', 'lin'))?.code).toBe('RATE_LIMITED');
    // A known address is known to its own account only.
    for (let i = 0; i < 5; i++) guard.begin(`198.51.100.${i}`, 'mo');
    expect(refusal(() => guard.begin('192.0.2.10', 'mo'))?.code).toBe('RATE_LIMITED');
  });

  it('a known address is still held by its own windows, and is forgotten after the time to remember it', () => {
    const c = clock();
    const guard = createAttemptGuard(limits, c.now, { ttlMs: 86_400_000, perUsername: 2, maxUsernames: 10 });
    guard.begin('192.0.2.10', 'kim').succeeded();
    guard.begin('192.0.2.10', 'kim');
    guard.begin('192.0.2.10', 'kim');
    expect(refusal(() => guard.begin('192.0.2.10', 'kim'))?.code).toBe('RATE_LIMITED');
    c.advance(86_400_001);
    for (let i = 0; i < 5; i++) guard.begin(`198.51.100.${i}`, 'kim');
    expect(refusal(() => guard.begin('192.0.2.10', 'kim'))?.code).toBe('RATE_LIMITED');
  });

  it('keys IPv6 clients by their /64: rotating the low bits gains no attempts', () => {
    const guard = createAttemptGuard(limits);
    guard.begin('2001:db8:1:2::1', 'ada');
    guard.begin('2001:db8:1:2::2', 'ada');
    expect(refusal(() => guard.begin('2001:db8:1:2:ffff::3', 'ada'))?.code).toBe('RATE_LIMITED');
    expect(refusal(() => guard.begin('2001:db8:1:3::1', 'ada'))).toBeNull();
  });

  it('a sign-in without an address never makes "no address" known', () => {
    const guard = createAttemptGuard(limits);
    guard.begin(null, 'zoe').succeeded();
    for (let i = 0; i < 5; i++) guard.begin(`198.51.100.${i}`, 'zoe');
    expect(refusal(() => guard.begin(null, 'zoe'))?.code).toBe('RATE_LIMITED');
  });

  it("the owner's own browser (its device ID) gets in from a new network while a stranger fills the username window", () => {
    const c = clock();
    const guard = createAttemptGuard(limits, c.now);
    const laptop = 'K7p0cX2pQx6hY4bq1Vw9Zg';
    guard.begin('192.0.2.10', 'lin', laptop).succeeded();
    for (let i = 0; i < 5; i++) guard.begin(`198.51.100.${i}`, 'lin', `stranger-device-${i}-aaaaaaaaaaaa`);
    // At a café: a new address, the same browser.
    expect(refusal(() => guard.begin('203.0.113.80', 'lin', laptop))).toBeNull();
    // Another browser at the café, or a made-up ID, is held.
    expect(refusal(() => guard.begin('203.0.113.80', 'lin', 'Zz9Zz9Zz9Zz9Zz9Zz9Zz9Z'))?.code).toBe('RATE_LIMITED');
    expect(refusal(() => guard.begin('203.0.113.81', 'lin'))?.code).toBe('RATE_LIMITED');
    // The device is known to its own account only.
    for (let i = 0; i < 5; i++) guard.begin(`198.51.100.${i}`, 'mo');
    expect(refusal(() => guard.begin('203.0.113.80', 'mo', laptop))?.code).toBe('RATE_LIMITED');
  });
});
