/**
 * The web app's server: Next.js, Etherpad behind `/pad` (HTTP and WebSocket, each pad to the
 * Etherpad process that serves it; libs/pad-proxy), and in front of both (libs/web-edge): the
 * security headers of every response, caps on open now/next streams, and a small response cache
 * for the public schedule reads.
 *
 *   NODE_ENV=production node --import tsx apps/web/src/main.ts --host 127.0.0.1 --port 3000
 *
 * after `next build`; `--dev` serves Next in development mode (hot reload) through the same
 * server, the pad included, without the response cache. Its settings (PORT, HOSTNAME,
 * PADMEET_TRUSTED_PROXIES, PADMEET_RESPONSE_CACHE, LOG_LEVEL) are part of the validated
 * environment (server/env-schema.ts), parsed first. Start-up checks (database, Etherpad, auth) run
 * in Next's instrumentation hook while Next prepares, and exit with one line on failure.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { createAccountSessionRepository, createAttendanceRepository, createSessionNotesRepository, getDb } from '@padmeet/data';
import { createAttendanceEndpoint, createNotesRunner } from '@padmeet/notes';
import { createPadHistory, createPadService } from '@padmeet/pad';
import { startMetricsListener, type MetricsListener } from '@padmeet/metrics';
import { classifyPadRequest, createPadProxy, handPadSocketToParent } from '@padmeet/pad-proxy';
import { createLogger, exitWithStartupError, parseEnvOrExit } from '@padmeet/util';
import {
  createNonce,
  createResponseCache,
  createStreamLimiter,
  onScheduleChange,
  originOf,
  responseKindOf,
  scheduleCacheRules,
  securityHeaders,
  type FilledResponse,
  type SecurityHeaderOptions,
} from '@padmeet/web-edge';
import { resolveClientAddress } from './server/client-address';
import { padListenPort, servedOverHttps, webEnvSchema } from './server/env-schema';
import { createWebRequestMetrics } from './server/request-metrics';
import { viewerOfHeaders } from './server/session';

const env = parseEnvOrExit('web', webEnvSchema, process.env);
const { values: args } = parseArgs({
  options: {
    host: { type: 'string', short: 'H', default: env.HOSTNAME },
    port: { type: 'string', short: 'p', default: String(env.PORT) },
    dev: { type: 'boolean', default: false },
  },
});
const dev = args.dev;
const host = args.host;
const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) exitWithStartupError('web', `--port ${args.port} is not a port number`, 'pass --port 1-65535');
const trustedProxies = env.PADMEET_TRUSTED_PROXIES;
const logger = createLogger({ name: 'web', level: env.LOG_LEVEL });
const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = next({ dev, dir: webRoot, hostname: host, port });
const handle = app.getRequestHandler();

// Etherpad on padmeet's origin. A pad page, timeslider or export opens only with an Etherpad
// session that grants the pad (padmeet hands them out: room.join / room.openNotes); without one
// the browser gets padmeet's page saying how to get one, never Etherpad's raw error.
const pads = createPadService({ apiUrls: env.ETHERPAD_URL, apiKey: env.ETHERPAD_API_KEY });
const padLogger = logger.child({ part: 'pad-proxy' });
const padProxy = createPadProxy({
  upstreams: env.ETHERPAD_URL,
  checkAccess: ({ padId, sessionIds }) => (sessionIds.length === 0 ? Promise.resolve(false) : pads.sessionsGrant(sessionIds, padId)),
  logger: padLogger,
  // Pad WebSockets to their Etherpad process through the process that started both (libs/pad-proxy/src/handoff.ts).
  ...(env.PADMEET_PAD_HANDOFF === 'ipc' ? { handOff: handPadSocketToParent(padLogger) } : {}),
});

// Notes that outlive the meeting (issue 12, libs/notes): each session's snapshots of its room's pad
// are durable jobs in PostgreSQL, run here (several web processes share them, each job taken once);
// the SFU reports who joined and left to an internal endpoint guarded by the service secret.
const db = getDb(env.DATABASE_URL);
const attendance = createAttendanceRepository(db);
const attendanceEndpoint = createAttendanceEndpoint({ attendance, secret: env.AUTH_SERVICE_SECRET, logger });
const notesRunner = createNotesRunner({
  notes: createSessionNotesRepository(db),
  attendance,
  history: createPadHistory({ apiUrls: env.ETHERPAD_URL, apiKey: env.ETHERPAD_API_KEY }),
  logger,
});

// The cache asks Next over loopback; this header (a secret of this process) lets those requests through to Next.
const FILL_HEADER = 'x-padmeet-cache-fill';
const fillToken = randomBytes(16).toString('base64url');
const loopback = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
const base = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;

async function fill(path: string, onBehalfOf: IncomingMessage): Promise<FilledResponse> {
  const client = onBehalfOf.headers['x-forwarded-for'];
  const response = await fetch(`${base}${path}`, {
    // The client's address (as resolved below) goes along: the API's per-address limits count it, not loopback.
    headers: { [FILL_HEADER]: fillToken, 'accept-encoding': 'identity', ...(typeof client === 'string' ? { 'x-forwarded-for': client } : {}) },
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push([name, value]);
  });
  for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

const appOrigin = new URL(env.NEXTAUTH_URL).origin;
const headerOptions: SecurityHeaderOptions = {
  https: servedOverHttps(env),
  connectSources: [originOf(env.SFU_PUBLIC_URL)],
  dev,
  ...(env.PADMEET_PAD_ORIGIN ? { padOrigin: env.PADMEET_PAD_ORIGIN, appOrigin } : {}),
};

/** The security headers of the response, by kind of path; a page's nonce also goes on the request, where Next reads it. */
function applySecurityHeaders(req: IncomingMessage, res: ServerResponse) {
  const kind = responseKindOf(new URL(req.url ?? '/', 'http://web.invalid').pathname);
  const nonce = kind === 'page' ? createNonce() : undefined;
  const headers = securityHeaders(kind, headerOptions, nonce);
  for (const [name, value] of headers) res.setHeader(name, value);
  const policy = headers.find(([name]) => name === 'content-security-policy')?.[1];
  if (nonce && policy) req.headers['content-security-policy'] = policy;
  else delete req.headers['content-security-policy'];
}

/**
 * Open now/next streams (SSE), capped per client address and in total: each holds a socket and
 * timers for as long as the browser keeps it open, and anyone can open one.
 */
const streams = createStreamLimiter({ perAddress: env.PADMEET_STREAMS_PER_ADDRESS, total: 2_000 });
const NOW_NEXT_STREAM = /^\/api\/events\/[^/]+\/now-next$/;
// Metrics (issue 13): requests by route pattern, latency, cache answers, open streams, errors.
const requestMetrics = createWebRequestMetrics({
  openStreams: () => streams.stats().open,
  padWebSockets: () => {
    const { webSockets, handedWebSockets } = padProxy.stats();
    return { relayed: webSockets, handed: handedWebSockets };
  },
});

/** False when the request is a stream beyond the caps (answered here with 429 or 503). */
function admitStream(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !String(req.headers.accept ?? '').includes('text/event-stream')) return true;
  if (!NOW_NEXT_STREAM.test(new URL(req.url ?? '/', 'http://web.invalid').pathname)) return true;
  const ticket = streams.open(req.headers['x-forwarded-for'] as string | undefined);
  if (ticket.ok) {
    res.once('close', ticket.release);
    return true;
  }
  logger.warn({ status: ticket.status, client: req.headers['x-forwarded-for'], streams: streams.stats() }, 'now/next stream refused');
  res.writeHead(ticket.status, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(ticket.retryAfterSeconds), 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code: ticket.status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE', message: ticket.message } }));
  return false;
}

const cache = createResponseCache({
  rules: scheduleCacheRules,
  fill,
  onError: (error, key) => logger.warn({ err: error, key }, 'response cache: filling from Next failed'),
});
onScheduleChange((eventSlug) => cache.invalidate(eventSlug));

await app.prepare();

/**
 * Rate limits key on the client's address: only this server can vouch for it, so what Next,
 * the API and Etherpad read in X-Forwarded-For is what is resolved here.
 */
function resolveClient(req: IncomingMessage) {
  const client = resolveClientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedProxies);
  delete req.headers['x-real-ip'];
  if (client) req.headers['x-forwarded-for'] = client;
  else delete req.headers['x-forwarded-for'];
}

/**
 * With the pad on its own origin, padmeet's origin serves no Etherpad document: Etherpad's pages run
 * with 'unsafe-inline' and 'unsafe-eval', which is why they have an origin of their own. An old link
 * to a pad page, timeslider or export goes there (308, path and query kept); what is not a document
 * (socket.io, static files, the pad's file list) is still answered here.
 */
function sendPadDocumentToPadOrigin(req: IncomingMessage, res: ServerResponse): boolean {
  if (!env.PADMEET_PAD_ORIGIN) return false;
  const url = req.url ?? '/';
  if (classifyPadRequest(req.method ?? 'GET', url).kind !== 'pad') return false;
  req.resume();
  res.writeHead(308, { location: `${env.PADMEET_PAD_ORIGIN}${url}`, 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
  return true;
}

/**
 * The admin page's document for anyone but an admin: Next renders the page's refusal, and it is
 * answered 401 (not signed in) or 403 (not an admin), as the page's figures (/admin/stats) are.
 * Next's app router has no stable way for a page to set its status (`forbidden()` needs
 * `experimental.authInterrupts`); it keeps a status set before it renders. The page checks again
 * itself: this only sets the status. A client-side navigation's payload (`RSC` header) keeps 200,
 * which Next's router needs to show the refusal in place.
 */
const accountSessions = createAccountSessionRepository(db);
const secureCookie = servedOverHttps(env);
function isAdminDocument(req: IncomingMessage): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.rsc !== undefined) return false;
  return /^\/admin\/?$/.test(new URL(req.url ?? '/', 'http://web.invalid').pathname);
}
async function adminPageRefusal(req: IncomingMessage): Promise<401 | 403 | undefined> {
  const headers = new Headers();
  if (req.headers.cookie) headers.set('cookie', req.headers.cookie);
  const viewer = await viewerOfHeaders(headers, { secret: env.NEXTAUTH_SECRET, secureCookie, findLiveSession: (sessionId) => accountSessions.findAccount(sessionId) });
  return viewer === null ? 401 : viewer.role === 'admin' ? undefined : 403;
}

function handleByNext(req: IncomingMessage, res: ServerResponse) {
  handle(req, res).catch((error: unknown) => {
    logger.error({ err: error, url: req.url }, 'request failed');
    requestMetrics.failed();
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
}

const server = createServer((req, res) => {
  // Counted once per client request (a response-cache fill from this process is part of its client's).
  if (req.headers[FILL_HEADER] !== fillToken) requestMetrics.observe(req, res);
  // A fill of the response cache (from this process) carries the address its client was resolved to.
  if (req.headers[FILL_HEADER] !== fillToken) resolveClient(req);
  applySecurityHeaders(req, res);
  if (attendanceEndpoint(req, res)) return;
  if (sendPadDocumentToPadOrigin(req, res)) return;
  if (padProxy.handleRequest(req, res)) return;
  if (!admitStream(req, res)) return;
  if (!dev && env.PADMEET_RESPONSE_CACHE === 'on' && req.headers[FILL_HEADER] !== fillToken && cache.handle(req, res)) return;
  if (!isAdminDocument(req)) return handleByNext(req, res);
  void adminPageRefusal(req).then(
    (status) => {
      if (status) res.statusCode = status;
      handleByNext(req, res);
    },
    // The database unreachable: Next's page says so (its own check fails the same way).
    (error: unknown) => {
      logger.warn({ err: error }, 'admin page: could not check the viewer');
      handleByNext(req, res);
    },
  );
});
const nextUpgrade = dev ? app.getUpgradeHandler() : undefined;
server.on('upgrade', (req, socket, head) => {
  socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'));
  resolveClient(req);
  if (padProxy.handleUpgrade(req, socket, head)) return;
  // Development: Next's hot reload. Production Next has no WebSocket of its own.
  if (nextUpgrade) void nextUpgrade(req, socket, head);
  else socket.destroy();
});
/** A listener that cannot listen ends the start-up with one line: what, where, and what to change. */
const exitOnListenError = (what: string, listenPort: number | undefined, other: string, settings: string) => (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') exitWithStartupError('web', `${what} ${listenPort} is already in use`, `stop the other process or ${other}`);
  exitWithStartupError('web', `cannot listen on ${host}:${listenPort}: ${error.message}`, `check ${settings}`);
};
server.on('error', exitOnListenError('port', port, 'pass another --port', '--host/--port'));

/**
 * The pad on an origin of its own (PADMEET_PAD_ORIGIN; server/env-schema.ts says why): a second
 * listener that serves the pad proxy and nothing else. The app's pages may read its answers with
 * the person's cookies (the pad's file list, whether the pad answers): the header names one
 * origin and never varies, so a cached file serves the pad's own page too.
 */
const padPort = padListenPort(env);
const padServer =
  padPort === undefined
    ? undefined
    : createServer((req, res) => {
        requestMetrics.observe(req, res);
        resolveClient(req);
        applySecurityHeaders(req, res);
        res.setHeader('access-control-allow-origin', appOrigin);
        res.setHeader('access-control-allow-credentials', 'true');
        if (padProxy.handleRequest(req, res)) return;
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end(`Only the notes are served here; padmeet is at ${appOrigin}\n`);
      });
padServer?.on('upgrade', (req, socket, head) => {
  socket.on('error', (error) => logger.debug({ err: error }, 'pad upgrade socket error'));
  resolveClient(req);
  if (!padProxy.handleUpgrade(req, socket, head)) socket.destroy();
});
padServer?.on('error', exitOnListenError('pad port', padPort, 'set PADMEET_PAD_PORT', '--host/PADMEET_PAD_PORT'));
padServer?.listen(padPort, host, () => logger.info({ url: `http://${host}:${padPort}`, origin: env.PADMEET_PAD_ORIGIN }, 'pad listening'));
server.listen(port, host, () => {
  logger.info({ url: `http://${host}:${port}` }, 'web listening');
  notesRunner.start();
});
// The metrics listener (its own port), once the public one is ours: a taken public port is the error to report.
const metricsListener: Promise<MetricsListener> = new Promise<void>((listening) => server.once('listening', listening))
  .then(() =>
    startMetricsListener({
      registry: requestMetrics.registry,
      port: env.WEB_METRICS_PORT,
      host: env.METRICS_HOST,
      token: env.METRICS_TOKEN,
      onError: (error, path) => logger.error({ err: error, path }, 'metrics failed'),
    }),
  )
  .then(
    (listener) => {
      logger.info({ url: listener.url, token: env.METRICS_TOKEN ? 'required' : 'none' }, 'web metrics listening');
      return listener;
    },
    (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE'
        ? exitWithStartupError('web', `metrics port ${env.WEB_METRICS_PORT} is already in use`, 'stop the other process or set WEB_METRICS_PORT')
        : exitWithStartupError('web', `cannot listen on ${env.METRICS_HOST}:${env.WEB_METRICS_PORT} (${error.message})`, 'check METRICS_HOST/WEB_METRICS_PORT'),
  );
// In the background: the first person to open a pad should not wait for Etherpad to minify its scripts.
padProxy.warmUp().then(
  ({ files }) => logger.info({ files }, 'pad proxy: static files cached'),
  (error: unknown) => logger.warn({ err: error }, 'pad proxy: could not cache the static files yet; they are cached on first use'),
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal, cache: cache.stats(), streams: streams.stats() }, 'web shutting down');
  server.close();
  padServer?.close();
  padProxy.close();
  await notesRunner.stop();
  void metricsListener.then((listener) => listener.close());
  // Open now/next streams and pad sockets would keep the server up: they reconnect to the next server by themselves.
  server.closeAllConnections();
  padServer?.closeAllConnections();
  await app.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
