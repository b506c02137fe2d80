import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, originOf, responseKindOf, securityHeaders, type SecurityHeaderOptions } from './security-headers';

const http: SecurityHeaderOptions = { https: false, connectSources: ['ws://127.0.0.1:3002'] };
const https: SecurityHeaderOptions = { https: true, connectSources: ['wss://sfu.example.org'] };
const header = (headers: Array<[string, string]>, name: string) => headers.find(([n]) => n === name)?.[1];
const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

describe('security headers', () => {
  it('sorts paths into pages, the API (and static files) and the pad', () => {
    expect(responseKindOf('/')).toBe('page');
    expect(responseKindOf('/invites')).toBe('page');
    expect(responseKindOf('/e/ptg')).toBe('page');
    expect(responseKindOf('/api/trpc/schedule.get')).toBe('api');
    expect(responseKindOf('/api/events/ptg/now-next')).toBe('api');
    expect(responseKindOf('/_next/static/chunks/app.js')).toBe('api');
    expect(responseKindOf('/pad')).toBe('pad');
    expect(responseKindOf('/pad/p/room')).toBe('pad');
    expect(responseKindOf('/padding')).toBe('page');
  });

  it("gives pages a nonce-based script policy that nothing else may frame, and connects only to the SFU besides itself", () => {
    const nonce = createNonce();
    const policy = directives(contentSecurityPolicy('page', http, nonce));
    expect(policy.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:3002']);
    expect(policy.get('frame-src')).toEqual(["'self'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    expect(() => contentSecurityPolicy('page', http)).toThrow(/nonce/);
    expect(createNonce()).not.toBe(nonce);
    expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it("allows eval in development only (React's debugging)", () => {
    expect(contentSecurityPolicy('page', { ...http, dev: true }, 'n')).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy('page', http, 'n')).not.toContain('unsafe-eval');
  });

  it('lets only padmeet itself frame the pad, and closes the API to everything', () => {
    const pad = directives(contentSecurityPolicy('pad', http));
    expect(pad.get('frame-ancestors')).toEqual(["'self'"]);
    expect(pad.get('object-src')).toEqual(["'none'"]);
    expect(pad.get('default-src')).toEqual(["'self'"]);
    expect(pad.get('connect-src')).toEqual(["'self'"]);
    expect(header(securityHeaders('pad', http), 'x-frame-options')).toBe('SAMEORIGIN');
    expect(header(securityHeaders('pad', http), 'permissions-policy')).toContain('camera=()');
    const api = directives(contentSecurityPolicy('api', http));
    expect(api.get('default-src')).toEqual(["'none'"]);
    expect(api.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header(securityHeaders('page', http, 'n'), 'x-frame-options')).toBe('DENY');
    expect(header(securityHeaders('page', http, 'n'), 'permissions-policy')).toContain('camera=(self)');
  });

  it('lets pages frame and fetch the pad on its own origin, and only the app frame it there, in an agent cluster of its own', () => {
    const split: SecurityHeaderOptions = { ...http, padOrigin: 'http://localhost:3003', appOrigin: 'http://localhost:3000' };
    const page = directives(contentSecurityPolicy('page', split, 'n'));
    expect(page.get('frame-src')).toEqual(["'self'", 'http://localhost:3003']);
    expect(page.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:3002', 'http://localhost:3003']);
    const pad = directives(contentSecurityPolicy('pad', split));
    expect(pad.get('frame-ancestors')).toEqual(["'self'", 'http://localhost:3000']);
    expect(pad.get('connect-src')).toEqual(["'self'"]);
    expect(header(securityHeaders('pad', split), 'origin-agent-cluster')).toBe('?1');
    // X-Frame-Options cannot name the app's origin; frame-ancestors does, and browsers prefer it.
    expect(header(securityHeaders('pad', split), 'x-frame-options')).toBeUndefined();
    expect(header(securityHeaders('pad', http), 'origin-agent-cluster')).toBeUndefined();
    expect(header(securityHeaders('page', split, 'n'), 'origin-agent-cluster')).toBeUndefined();
  });

  it('sends HSTS and upgrades subresources only when the public URL is https', () => {
    for (const kind of ['page', 'api', 'pad'] as const) {
      expect(header(securityHeaders(kind, http, 'n'), 'strict-transport-security')).toBeUndefined();
      expect(header(securityHeaders(kind, https, 'n'), 'strict-transport-security')).toBe('max-age=63072000');
    }
    expect(contentSecurityPolicy('page', https, 'n')).toContain('upgrade-insecure-requests');
    expect(originOf('ws://127.0.0.1:3002/ws')).toBe('ws://127.0.0.1:3002');
    expect(originOf('wss://sfu.example.org/ws')).toBe('wss://sfu.example.org');
  });
});
