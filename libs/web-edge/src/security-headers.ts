import { randomBytes } from 'node:crypto';

/**
 * The security headers of every response of the web app, decided in one place (its Node server
 * sets them before Next, the response cache or the /pad proxy answers).
 *
 * - Pages: a Content-Security-Policy with a fresh nonce per response. Next reads the nonce from
 *   the policy on the *request* (the server puts it there) and puts it on its own scripts;
 *   'strict-dynamic' lets those load the rest of the bundle, nothing else runs. Styles may be
 *   inline (React `style` attributes; they cannot carry a nonce). No other site may frame a page.
 * - The API (JSON, SSE, iCal, next-auth): nothing is rendered from it, so nothing may load or frame it.
 * - The pad (/pad/*): Etherpad's own pages, framed by padmeet's room and notes pages only.
 *   Etherpad 1.8 runs inline scripts and builds its editor from `srcdoc` iframes, so scripts are not
 *   nonce-bound here; everything else is held to the pad's origin (connections, images, fonts,
 *   frames, forms), and the iframe element itself is sandboxed by the page that frames it.
 * - The pad on an origin of its own (`padOrigin`, same host, another port): pages may frame and
 *   fetch it; its pages may be framed by the app's origin and ask for an origin-keyed agent
 *   cluster (`Origin-Agent-Cluster: ?1`), which Chromium serves from a process of its own, so the
 *   pad's scripts run beside the room page's rather than on its main thread.
 * - HSTS when the public URL is https.
 */
export type ResponseKind = 'page' | 'api' | 'pad';

export interface SecurityHeaderOptions {
  /** The public URL is https: HSTS, and pages upgrade any http:// subresource. */
  https: boolean;
  /** Origins pages may connect to besides their own (the SFU's WebSocket, e.g. ws://127.0.0.1:3002). */
  connectSources: string[];
  /** Next in development mode: React's debugging needs eval. */
  dev?: boolean;
  /** The pad's own origin (e.g. http://localhost:3003), when it is not this one. */
  padOrigin?: string;
  /** The app's origin (e.g. http://localhost:3000): who may frame the pad on its own origin. */
  appOrigin?: string;
}

/** Which policy a request's response gets, by its path. */
export function responseKindOf(pathname: string): ResponseKind {
  if (pathname === '/pad' || pathname.startsWith('/pad/')) return 'pad';
  if (pathname.startsWith('/api/') || pathname.startsWith('/_next/static/')) return 'api';
  return 'page';
}

/** A fresh nonce for one page response (128 bits, base64). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

const policy = (directives: Array<string | false>) => directives.filter(Boolean).join('; ');

export function contentSecurityPolicy(kind: ResponseKind, options: SecurityHeaderOptions, nonce?: string): string {
  if (kind === 'api') return policy(["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]);
  if (kind === 'pad') {
    return policy([
      // Etherpad's pages load everything from /pad on this origin and talk to it over socket.io
      // (same origin): nothing may be fetched from or sent to anywhere else (no exfiltration).
      "default-src 'self'",
      // Etherpad 1.8 runs inline scripts (pad.html, the editor's frames), so no nonce here.
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      // Etherpad's editor frames are srcdoc/about:blank (same origin); nothing else may be framed.
      "frame-src 'self' about:",
      `frame-ancestors 'self'${options.padOrigin && options.appOrigin ? ` ${options.appOrigin}` : ''}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      options.https && 'upgrade-insecure-requests',
    ]);
  }
  if (!nonce) throw new Error('a page policy needs a nonce');
  return policy([
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self' ${[...options.connectSources, ...(options.padOrigin ? [options.padOrigin] : [])].join(' ')}`.trim(),
    // The pad: /pad on this origin, or on its own.
    `frame-src 'self'${options.padOrigin ? ` ${options.padOrigin}` : ''}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    options.https && 'upgrade-insecure-requests',
  ]);
}

/** All security headers of a response of `kind` (the CSP with `nonce` for pages). */
export function securityHeaders(kind: ResponseKind, options: SecurityHeaderOptions, nonce?: string): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['content-security-policy', contentSecurityPolicy(kind, options, nonce)],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'same-origin'],
    ['cross-origin-opener-policy', 'same-origin'],
    [
      'permissions-policy',
      kind === 'page' ? 'camera=(self), microphone=(self), display-capture=(self), geolocation=()' : 'camera=(), microphone=(), display-capture=(), geolocation=()',
    ],
  ];
  // For browsers without frame-ancestors; none for a pad framed from another origin (the header cannot name one).
  if (kind !== 'pad') headers.push(['x-frame-options', 'DENY']);
  else if (!options.padOrigin) headers.push(['x-frame-options', 'SAMEORIGIN']);
  else headers.push(['origin-agent-cluster', '?1']);
  if (options.https) headers.push(['strict-transport-security', 'max-age=63072000']);
  return headers;
}

/** The origin (scheme://host:port) of a URL, for connect-src: ws://127.0.0.1:3002/ws → ws://127.0.0.1:3002. */
export function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}
