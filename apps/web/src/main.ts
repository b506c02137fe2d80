/**
 * The web app's server: Next.js, Etherpad behind `/pad` (HTTP and WebSocket, each pad to the
 * Etherpad process that serves it; libs/pad-proxy), and a small response cache for the public
 * schedule reads (see server/response-cache.ts for why).
 *
 *   NODE_ENV=production node --import tsx apps/web/src/main.ts --host 127.0.0.1 --port 3000
 *
 * after `next build`; `--dev` serves Next in development mode (hot reload) through the same
 * server, the pad included, without the response cache.
 * PADMEET_TRUSTED_PROXIES=N: N reverse proxies in front append to X-Forwarded-For
 * (default 0: the socket's peer is the client, whatever the request claims).
 * PADMEET_RESPONSE_CACHE=off serves everything through Next (e.g. behind a
 * caching proxy of one's own). Start-up checks (environment, database, Etherpad, auth) run in Next's
 * instrumentation hook while Next prepares, and exit with one line on failure.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { createPadService } from '@padmeet/pad';
import { createPadProxy } from '@padmeet/pad-proxy';
import { createLogger, exitWithStartupError, parseEnvOrExit } from '@padmeet/util';
import { resolveClientAddress } from './server/client-address';
import { webEnvSchema } from './server/env-schema';
import { createResponseCache, type FilledResponse } from './server/response-cache';
import { onScheduleChange, scheduleCacheRules } from './server/schedule-cache';

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', short: 'H', default: process.env['HOSTNAME'] ?? '127.0.0.1' },
    port: { type: 'string', short: 'p', default: process.env['PORT'] ?? '3000' },
    dev: { type: 'boolean', default: false },
  },
});
const dev = args.dev;
const host = args.host;
const cacheSetting = process.env['PADMEET_RESPONSE_CACHE'] ?? 'on';
if (cacheSetting !== 'on' && cacheSetting !== 'off') exitWithStartupError('web', `PADMEET_RESPONSE_CACHE=${cacheSetting} is neither on nor off`, 'set it to on (default) or off');
const port = Number(args.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) exitWithStartupError('web', `--port ${args.port} is not a port number`, 'pass --port 1-65535');

const trustedProxiesSetting = process.env['PADMEET_TRUSTED_PROXIES'] ?? '0';
const trustedProxies = Number(trustedProxiesSetting);
if (!/^\d+$/.test(trustedProxiesSetting) || trustedProxies > 10) {
  exitWithStartupError('web', `PADMEET_TRUSTED_PROXIES=${trustedProxiesSetting} is not a number of proxies`, 'set it to how many reverse proxies stand in front of the web app (0-10; default 0)');
}

const env = parseEnvOrExit('web', webEnvSchema, process.env);
const logger = createLogger({ name: 'web', level: env.LOG_LEVEL });
const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = next({ dev, dir: webRoot, hostname: host, port });
const handle = app.getRequestHandler();

// Etherpad on padmeet's origin. A pad page, timeslider or export opens only with an Etherpad
// session that grants the pad (padmeet hands them out: room.join / room.openNotes); without one
// the browser gets padmeet's page saying how to get one, never Etherpad's raw error.
const pads = createPadService({ apiUrls: env.ETHERPAD_URL, apiKey: env.ETHERPAD_API_KEY });
const padProxy = createPadProxy({
  upstreams: env.ETHERPAD_URL,
  checkAccess: ({ padId, sessionIds }) => (sessionIds.length === 0 ? Promise.resolve(false) : pads.sessionsGrant(sessionIds, padId)),
  logger: logger.child({ part: 'pad-proxy' }),
});

// The cache asks Next over loopback; this header (a secret of this process) lets those requests through to Next.
const FILL_HEADER = 'x-padmeet-cache-fill';
const fillToken = randomBytes(16).toString('base64url');
const loopback = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
const base = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;

async function fill(path: string): Promise<FilledResponse> {
  const response = await fetch(`${base}${path}`, {
    headers: { [FILL_HEADER]: fillToken, 'accept-encoding': 'identity' },
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

const server = createServer((req, res) => {
  resolveClient(req);
  if (padProxy.handleRequest(req, res)) return;
  if (!dev && cacheSetting === 'on' && req.headers[FILL_HEADER] !== fillToken && cache.handle(req, res)) return;
  handle(req, res).catch((error: unknown) => {
    logger.error({ err: error, url: req.url }, 'request failed');
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
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
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') exitWithStartupError('web', `port ${port} is already in use`, 'stop the other process or pass another --port');
  exitWithStartupError('web', `cannot listen on ${host}:${port}: ${error.message}`, 'check --host/--port');
});
server.listen(port, host, () => logger.info({ url: `http://${host}:${port}` }, 'web listening'));
// In the background: the first person to open a pad should not wait for Etherpad to minify its scripts.
padProxy.warmUp().then(
  ({ files }) => logger.info({ files }, 'pad proxy: static files cached'),
  (error: unknown) => logger.warn({ err: error }, 'pad proxy: could not cache the static files yet; they are cached on first use'),
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal, cache: cache.stats() }, 'web shutting down');
  server.close();
  padProxy.close();
  // Open now/next streams and pad sockets would keep the server up: they reconnect to the next server by themselves.
  server.closeAllConnections();
  await app.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
