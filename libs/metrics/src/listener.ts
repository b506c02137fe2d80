import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { isAuthorizedScrape } from './scrape-auth';

export interface MetricsListenerOptions {
  registry: Registry;
  port: number;
  /** 127.0.0.1 unless the scraper is on another machine (then set a token). */
  host: string;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token: string | undefined;
  /** Extra JSON views on the same listener, by path (e.g. `/stats.json`), under the same token. */
  json?: Record<string, () => unknown>;
  /** Called with a view's or the registry's failure; the request gets a 500. */
  onError?: (error: unknown, path: string) => void;
  /**
   * A port in use is tried again every 250 ms for this long before failing with EADDRINUSE
   * (default 5 s): a restarted process may start before the old one has let go of it.
   */
  busyRetryMs?: number;
}

export interface MetricsListener {
  readonly address: AddressInfo;
  /** e.g. http://127.0.0.1:3012 */
  readonly url: string;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  response.end(body);
}

/**
 * The metrics listener: its own port, apart from the app's public one. `GET /metrics` answers
 * Prometheus' text format; `json` adds JSON views. A request without the token (when one is set)
 * gets 401 and nothing else.
 */
export function startMetricsListener(options: MetricsListenerOptions): Promise<MetricsListener> {
  const { registry, token, json = {}, onError } = options;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (!isAuthorizedScrape(request.headers.authorization, token)) {
      return send(response, 401, 'text/plain; charset=utf-8', 'A metrics token is required: Authorization: Bearer <METRICS_TOKEN>.\n', {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    if (request.method !== 'GET') return send(response, 405, 'text/plain; charset=utf-8', 'Only GET is served here.\n', { Allow: 'GET' });
    const view = path === '/metrics' ? undefined : json[path];
    if (path !== '/metrics' && !view) {
      return send(response, 404, 'text/plain; charset=utf-8', `Not found. This listener serves GET ${['/metrics', ...Object.keys(json)].join(', ')}.\n`);
    }
    const answer = view
      ? Promise.resolve(view()).then((body) => send(response, 200, 'application/json', JSON.stringify(body)))
      : registry.metrics().then((body) => send(response, 200, registry.contentType, body));
    answer.catch((error: unknown) => {
      onError?.(error, path);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'metrics failed\n');
      else response.destroy();
    });
  });
  const deadline = Date.now() + (options.busyRetryMs ?? 5000);
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' && Date.now() < deadline) {
        setTimeout(() => server.listen(options.port, options.host), 250);
        return;
      }
      server.off('error', onError);
      reject(error);
    };
    server.on('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        address,
        url: `http://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
