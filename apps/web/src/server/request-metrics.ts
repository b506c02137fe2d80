/**
 * The web server's Prometheus metrics (issue 13), recorded in src/main.ts in front of Next and
 * served on the metrics listener: requests by route pattern, method and status (the route is one
 * of WEB_ROUTES, never the raw URL), their latency, the response cache's answers (its
 * `x-padmeet-cache` header), open now/next streams, errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram } from 'prom-client';
import { createAppMetrics, routeLabel, type AppMetrics, type RoutePattern } from '@padmeet/metrics';

const segment = '[^/]+';
const route = (label: string, pattern: string): RoutePattern => ({ label, pattern: new RegExp(`^${pattern}$`) });

/** Every route of the app, as Next names them; anything else is `_other`. Order matters: first match wins. */
export const WEB_ROUTES: readonly RoutePattern[] = [
  route('/', '/'),
  route('/r/[slug]', `/r/${segment}`),
  route('/r/[slug]/notes', `/r/${segment}/notes`),
  route('/e/[slug]', `/e/${segment}`),
  route('/e/[slug]/notes', `/e/${segment}/notes`),
  route('/e/[slug]/notes/room/[room]', `/e/${segment}/notes/room/${segment}`),
  route('/e/[slug]/notes/track/[track]', `/e/${segment}/notes/track/${segment}`),
  route('/e/[slug]/notes/[session]', `/e/${segment}/notes/${segment}`),
  route('/events/new', '/events/new'),
  route('/invites', '/invites'),
  route('/account', '/account'),
  route('/register', '/register'),
  route('/signin', '/signin'),
  route('/admin', '/admin'),
  route('/admin/stats', '/admin/stats'),
  route('/api/trpc/[trpc]', '/api/trpc/[^/]*'),
  route('/api/auth/[...nextauth]', '/api/auth/.*'),
  route('/api/events/[slug]/now-next', `/api/events/${segment}/now-next`),
  route('/api/calendar/[event]', `/api/calendar/${segment}(/room/${segment}|/track/${segment})?`),
  route('/api/notes/[event]', `/api/notes/${segment}(/${segment})?`),
  route('/api/healthz', '/api/healthz'),
  route('/pad/…', '/pad(/.*)?'),
  route('/_next/…', '/_next/.*'),
  route('/favicon.ico', '/favicon.ico'),
];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const CACHE_RESULTS = new Set(['hit', 'stale', 'miss', 'pass']);

export interface WebRequestMetrics extends AppMetrics {
  /** Call first for each request: its route, method, status, latency and cache answer are recorded when it finishes. */
  observe(req: IncomingMessage, res: ServerResponse): void;
  /** A request Next failed to answer. */
  failed(): void;
}

export interface WebRequestMetricsOptions {
  openStreams: () => number;
  /** Pad WebSockets relayed by this server and open, and handed to Etherpad since it started (libs/pad-proxy). */
  padWebSockets?: () => { relayed: number; handed: number };
}

export function createWebRequestMetrics(options: WebRequestMetricsOptions): WebRequestMetrics {
  const metrics = createAppMetrics('web');
  const registers = [metrics.registry];
  const requests = new Counter({ name: 'padmeet_web_requests_total', help: 'Requests answered, by route pattern, method and status.', labelNames: ['route', 'method', 'status'], registers });
  const duration = new Histogram({
    name: 'padmeet_web_request_duration_seconds',
    help: 'Time to answer a request (to the last byte), by route pattern and method. Long-lived streams are left out.',
    labelNames: ['route', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const cache = new Counter({ name: 'padmeet_web_response_cache_total', help: "The response cache's answers (libs/web-edge): hit, stale, miss, pass.", labelNames: ['result'], registers });
  const errors = new Counter({ name: 'padmeet_web_errors_total', help: 'Server errors: 5xx answers, and requests Next failed on.', labelNames: ['kind'], registers });
  new Gauge({ name: 'padmeet_web_now_next_streams_open', help: 'Open now/next streams (SSE).', registers, collect() { this.set(options.openStreams()); } });
  for (const result of CACHE_RESULTS) cache.inc({ result }, 0);
  const padWebSockets = options.padWebSockets;
  if (padWebSockets) {
    new Gauge({ name: 'padmeet_web_pad_websockets_relayed', help: 'Pad WebSockets this server relays to Etherpad, open now.', registers, collect() { this.set(padWebSockets().relayed); } });
    // A count since start, read from the proxy when scraped: a counter's value, kept by the proxy.
    new Counter({
      name: 'padmeet_web_pad_websockets_handed_total',
      help: 'Pad WebSockets handed to their Etherpad process (PADMEET_PAD_HANDOFF=ipc) since the server started.',
      registers,
      collect() {
        this.reset();
        this.inc(padWebSockets().handed);
      },
    });
  }

  return {
    ...metrics,
    observe(req, res) {
      const started = process.hrtime.bigint();
      const method = METHODS.has(req.method ?? '') ? (req.method as string) : 'OTHER';
      const routeName = routeLabel(req.url ?? '/', WEB_ROUTES);
      res.once('close', () => {
        const status = res.headersSent ? String(res.statusCode) : 'aborted';
        requests.inc({ route: routeName, method, status });
        const streamed = String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
        if (!streamed) duration.observe({ route: routeName, method }, Number(process.hrtime.bigint() - started) / 1e9);
        const cached = String(res.getHeader('x-padmeet-cache') ?? '');
        if (CACHE_RESULTS.has(cached)) cache.inc({ result: cached });
        if (res.statusCode >= 500) errors.inc({ kind: 'status_5xx' });
      });
    },
    failed() {
      errors.inc({ kind: 'next_failed' });
    },
  };
}
