import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Transform } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { PAD_FILES_PATH, padProcessIndex, padSessionIdsFromCookie } from '@padmeet/pad';
import type { Logger } from '@padmeet/util';
import { etherpadCookieHeader } from './cookies';
import { upstreamUpgradeHead } from './handoff';
import { deniedPage, unavailablePage } from './pages';
import { classifyPadRequest, type PadRoute } from './route';
import { createStaticCache, type CachedStatic } from './static-cache';

export interface PadProxyOptions {
  /** Base URL of each Etherpad process, in the order that assigns pads (padProcessIndex). */
  upstreams: string[];
  /** May the holder of these Etherpad sessions open this pad? Asked before a pad page, timeslider or export. */
  checkAccess: (request: { padId: string; sessionIds: string[] }) => Promise<boolean>;
  logger: Logger;
  /** Where the proxy is mounted on padmeet's origin; default `/pad`. */
  prefix?: string;
  /** Request bodies (socket.io long-polling, error reports) are cut off past this many bytes; default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Hands a checked pad WebSocket to the Etherpad process that serves the pad (handoff.ts): the
   * browser's socket and the upgrade request Etherpad is to read. True when handed (the socket is
   * no longer this process's), false to relay it here instead.
   */
  handOff?: (padProcess: number, head: Buffer, socket: Duplex) => boolean;
}

export interface PadProxy {
  /** Serves the request when it is under the prefix (true), else leaves it alone (false). */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Proxies a WebSocket upgrade under the prefix (true), else leaves it alone (false). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Fills the static-file cache with what a pad page loads (read from each process's pad page),
   * so the first person to open a pad does not wait for Etherpad to minify its bundles.
   */
  warmUp(): Promise<{ files: number }>;
  /** WebSockets relayed and open, handed to Etherpad so far, and cached static files, for logs and tests. */
  stats(): { webSockets: number; handedWebSockets: number; cachedFiles: number };
  close(): void;
}

const DEFAULT_MAX_BODY = 1024 * 1024;

class BodyTooLarge extends Error {}

/**
 * Etherpad behind padmeet's origin: HTTP and WebSocket, each pad to the one process that serves
 * it, only what a pad page needs (see route.ts), padmeet's cookies and credentials stripped,
 * Etherpad's cookies kept under the prefix, the client's address passed on (X-Forwarded-For as
 * the web server resolved it) so Etherpad's per-client rate limits work.
 */
export function createPadProxy(options: PadProxyOptions): PadProxy {
  const prefix = options.prefix ?? '/pad';
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const upstreams = options.upstreams.map((url) => url.replace(/\/+$/, ''));
  if (upstreams.length === 0) throw new RangeError('at least one Etherpad upstream is needed');
  const log = options.logger;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const proxy = createProxyServer({
    agent,
    ignorePath: true,
    xfwd: false,
    cookiePathRewrite: { '*': prefix },
    // Long-polling holds a request up to socket.io's ping interval (25 s).
    proxyTimeout: 60_000,
  });
  let webSockets = 0;
  let handedWebSockets = 0;
  /** What a pad page loads (paths under the prefix), found by warmUp; served as `<prefix>/padmeet-files.json`. */
  let padFiles: string[] = [];

  /** GET from the first process, whole body in memory (static files only). */
  function fetchStatic(path: string, encoding: 'gzip' | 'identity', base = upstreams[0]!): Promise<CachedStatic> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { agent, headers: { 'accept-encoding': encoding }, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          if (headers.location?.startsWith('/') && !headers.location.startsWith('//')) headers.location = `${prefix}${headers.location}`;
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`Etherpad did not answer ${path} within 30 s`)));
      req.on('error', reject);
      req.end();
    });
  }
  const staticCache = createStaticCache({ fetch: (path, encoding) => fetchStatic(path, encoding) });

  proxy.on('proxyRes', (proxyRes) => {
    const location = proxyRes.headers.location;
    if (location?.startsWith('/') && !location.startsWith('//')) proxyRes.headers.location = `${prefix}${location}`;
    delete proxyRes.headers['x-powered-by'];
  });
  // http-proxy-3 reports a browser's socket failing (a reset when a tab closes) as the proxy's own
  // 'error' event, whatever callback the request was given, and throws it when nobody listens.
  proxy.on('error', (error, req, client) => {
    log.debug({ err: error, url: req?.url }, 'pad proxy: a connection failed');
    if (client && 'destroy' in client && !('writeHead' in client)) client.destroy();
  });
  proxy.on('open', (socket) => {
    webSockets += 1;
    socket.once('close', () => (webSockets -= 1));
  });

  function processFor(route: PadRoute & { kind: 'pad' | 'socket' | 'static' }): number {
    return route.kind === 'static' ? 0 : padProcessIndex(route.padId, upstreams.length);
  }
  function upstreamFor(route: PadRoute & { kind: 'pad' | 'socket' | 'static' }): string {
    return `${upstreams[processFor(route)]}${route.upstreamPath}`;
  }

  /** What Etherpad may see of the browser's headers. */
  function sanitise(req: IncomingMessage): void {
    const cookie = etherpadCookieHeader(req.headers.cookie);
    if (cookie) req.headers.cookie = cookie;
    else delete req.headers.cookie;
    delete req.headers.authorization;
    delete req.headers['proxy-authorization'];
  }

  function refuse(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8') {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, {
      'content-type': contentType,
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(body),
      // A body cut off half-way leaves the connection unusable for the next request.
      ...(status === 413 ? { connection: 'close' } : {}),
    });
    res.end(body);
  }

  function forward(req: IncomingMessage, res: ServerResponse, target: string) {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      req.resume();
      refuse(res, 413, `Request body over ${maxBody} bytes.`);
      return;
    }
    let received = 0;
    const limited = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        callback(received > maxBody ? new BodyTooLarge() : null, chunk);
      },
    });
    limited.on('error', (error) => {
      if (!(error instanceof BodyTooLarge)) log.warn({ err: error, url: req.url }, 'pad proxy: reading an upload failed');
      refuse(res, 413, `Request body over ${maxBody} bytes.`);
      req.destroy();
    });
    // A client that goes away half-way (a closed tab during long-polling) ends the upload here.
    req.on('error', (error) => {
      log.debug({ err: error, url: req.url }, 'pad proxy: the browser went away during an upload');
      limited.destroy();
    });
    req.pipe(limited);
    proxy.web(req, res, { target, buffer: limited }, (error) => {
      log.warn({ err: error, url: req.url }, 'pad proxy: Etherpad did not answer');
      refuse(res, 502, unavailablePage(), 'text/html; charset=utf-8');
    });
  }

  return {
    handleRequest(req, res) {
      const url = req.url ?? '/';
      if (url !== prefix && !url.startsWith(`${prefix}/`)) return false;
      if (url === `${prefix}/${PAD_FILES_PATH}` && (req.method === 'GET' || req.method === 'HEAD')) {
        // The pad page's files, for preloadPadFiles (@padmeet/pad/preload) while the pre-join shows.
        const body = JSON.stringify({ files: padFiles });
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(body) });
        res.end(req.method === 'HEAD' ? undefined : body);
        return true;
      }
      const route = classifyPadRequest(req.method ?? 'GET', url, prefix);
      if (route.kind === 'refused') {
        req.resume();
        refuse(res, route.status, route.status === 404 ? 'Not found.' : `Refused: ${route.reason}.`);
        return true;
      }
      sanitise(req);
      if (route.kind === 'static' && (req.method === 'GET' || req.method === 'HEAD')) {
        staticCache.serve(req, res, route.upstreamPath).catch((error: unknown) => {
          log.warn({ err: error, url: req.url }, 'pad proxy: Etherpad did not answer');
          refuse(res, 502, unavailablePage(), 'text/html; charset=utf-8');
        });
        return true;
      }
      if (route.kind !== 'pad') {
        forward(req, res, upstreamFor(route));
        return true;
      }
      const sessionIds = padSessionIdsFromCookie(req.headers.cookie);
      options.checkAccess({ padId: route.padId, sessionIds }).then(
        (allowed) => {
          if (allowed) forward(req, res, upstreamFor(route));
          else refuse(res, 403, deniedPage(route.roomSlug), 'text/html; charset=utf-8');
        },
        (error: unknown) => {
          log.warn({ err: error, padId: route.padId }, 'pad proxy: access check failed');
          refuse(res, 502, unavailablePage(), 'text/html; charset=utf-8');
        },
      );
      return true;
    },

    handleUpgrade(req, socket, head) {
      const url = req.url ?? '/';
      if (!url.startsWith(`${prefix}/`)) return false;
      // A browser may reset the connection at any moment (a closed tab): never an uncaught error.
      socket.on('error', (error) => {
        log.debug({ err: error, url }, 'pad proxy: WebSocket connection error');
        socket.destroy();
      });
      const route = classifyPadRequest(req.method ?? 'GET', url, prefix);
      if (route.kind !== 'socket') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return true;
      }
      sanitise(req);
      if (options.handOff?.(processFor(route), upstreamUpgradeHead(req, route.upstreamPath, head), socket)) {
        handedWebSockets += 1;
        return true;
      }
      proxy.ws(req, socket, head, { target: upstreamFor(route) }, (error) => {
        log.warn({ err: error, padId: route.padId }, 'pad proxy: WebSocket to Etherpad failed');
        socket.destroy();
      });
      return true;
    },

    async warmUp() {
      const paths = new Set<string>();
      for (const base of upstreams) {
        // Any pad name shows the page's template (editOnly: nothing is created); its assets carry the process's version.
        const page = await fetchStatic('/p/padmeet-warm-up', 'identity', base);
        const html = page.body.toString('utf8');
        const version = /\?v=([0-9a-f]+)/.exec(html)?.[1];
        for (const [, ref] of html.matchAll(/(?:src|href)=["']\.\.\/([^"']+)["']/g)) paths.add(ref!);
        // Loaded later by the page's scripts (the editor's own frames).
        if (version) {
          paths.add(`javascripts/lib/ep_etherpad-lite/static/js/ace2_inner.js?callback=require.define&v=${version}`);
          paths.add(`static/css/iframe_editor.css?v=${version}`);
        }
      }
      // All at once: a cold Etherpad minifies its bundles on first request (1-2 s each here), so
      // one after the other took ~5 s; together, about the longest one.
      const answers = await Promise.all(
        [...paths].map(async (ref) => {
          const route = classifyPadRequest('GET', `${prefix}/${ref}`, prefix);
          if (route.kind !== 'static') return undefined;
          const answer = await staticCache.get(route.upstreamPath, 'gzip');
          return answer.status === 200 ? ref : undefined;
        }),
      );
      const found = answers.filter((ref): ref is string => ref !== undefined);
      padFiles = found.sort();
      return { files: found.length };
    },

    stats: () => ({ webSockets, handedWebSockets, cachedFiles: staticCache.size() }),

    close() {
      proxy.close();
      agent.destroy();
    },
  };
}
