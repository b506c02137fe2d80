import { describe, expect, it } from 'vitest';
import { foundOrNull, isTooManyRequests } from './not-found';

describe('foundOrNull', () => {
  it('gives the answer, or null for NOT_FOUND', async () => {
    expect(await foundOrNull(Promise.resolve({ slug: 'pcg' }))).toEqual({ slug: 'pcg' });
    expect(await foundOrNull(Promise.reject(Object.assign(new Error('There is no room "x".'), { code: 'NOT_FOUND' })))).toBeNull();
  });

  it('lets every other error through', async () => {
    const forbidden = Object.assign(new Error('Members only.'), { code: 'FORBIDDEN' });
    await expect(foundOrNull(Promise.reject(forbidden))).rejects.toBe(forbidden);
    await expect(foundOrNull(Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    await expect(foundOrNull(Promise.reject(null))).rejects.toBeNull();
  });
});

describe('isTooManyRequests', () => {
  it("tells a rate-limited call (tRPC's TOO_MANY_REQUESTS) from every other error", () => {
    expect(isTooManyRequests(Object.assign(new Error('Too many requests for events that do not exist.'), { code: 'TOO_MANY_REQUESTS' }))).toBe(true);
    expect(isTooManyRequests(Object.assign(new Error('x'), { code: 'NOT_FOUND' }))).toBe(false);
    expect(isTooManyRequests(new Error('database down'))).toBe(false);
    expect(isTooManyRequests(null)).toBe(false);
  });
});
