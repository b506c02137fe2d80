import { describe, expect, it } from 'vitest';
import { isAuthorizedScrape } from './scrape-auth';

const token = 'x'.repeat(40);

describe('isAuthorizedScrape', () => {
  it('lets every scrape in when no token is configured', () => {
    expect(isAuthorizedScrape(undefined, undefined)).toBe(true);
  });

  it('needs `Bearer <token>` when a token is configured', () => {
    expect(isAuthorizedScrape(`Bearer ${token}`, token)).toBe(true);
    expect(isAuthorizedScrape(`bearer ${token}`, token)).toBe(true);
    expect(isAuthorizedScrape(undefined, token)).toBe(false);
    expect(isAuthorizedScrape('', token)).toBe(false);
    expect(isAuthorizedScrape('Bearer ', token)).toBe(false);
    expect(isAuthorizedScrape(`Bearer ${token}x`, token)).toBe(false);
    expect(isAuthorizedScrape(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(isAuthorizedScrape(`Basic ${token}`, token)).toBe(false);
    expect(isAuthorizedScrape(token, token)).toBe(false);
  });
});
