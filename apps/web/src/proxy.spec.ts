import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from './proxy';

const page = (cookie?: string) => new NextRequest('http://padmeet.test/r/zuul-planning', { headers: cookie ? { cookie } : {} });

describe('the proxy in front of room pages', () => {
  it('gives a new visitor their guest identity with the page, also for the page being rendered', () => {
    const response = proxy(page('other=1'));
    const [cookie, ...more] = response.headers.getSetCookie();
    expect(more).toEqual([]);
    expect(cookie).toMatch(/^padmeet_guest=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Max-Age=31536000; SameSite=Lax$/);
    // Next hands the render the request's cookies as rewritten here.
    expect(response.headers.get('x-middleware-request-cookie')).toBe(`other=1; ${cookie!.split(';')[0]}`);
  });

  it('keeps an identity the browser holds, and replaces one that is not padmeet\'s', () => {
    const held = `padmeet_guest=${'b'.repeat(43)}`;
    expect(proxy(page(held)).headers.getSetCookie()).toEqual([]);
    const replaced = proxy(page('padmeet_guest=forged')).headers.getSetCookie();
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).not.toContain('forged');
  });
});
