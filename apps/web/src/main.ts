/**
 * The production server of the web app: Next.js behind a small response cache
 * for the public schedule reads (see server/response-cache.ts for why).
 *
 *   NODE_ENV=production node --import tsx apps/web/src/main.ts --host 127.0.0.1 --port 3000
 *
 * after `next build`. Development runs `next dev` directly, without the cache.
 * PADMEET_TRUSTED_PROXIES=N: N reverse proxies in front append to X-Forwarded-For
 * (default 0: the socket's peer is the client, whatever the request claims).
 * PADMEET_RESPONSE_CACHE=off serves everything through Next (e.g. behind a
 * caching proxy of one's own). Start-up checks (environment, database, Etherpad, auth) run in Next's
 * instrumentation hook while Next prepares, and exit with one line on failure.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { createLogger, exitWithStartupError } from '@padmeet/util';
import { resolveClientAddress } from './server/client-address';
import { createResponseCache, type FilledResponse } from './server/response-cache';
import { onScheduleChange, scheduleCacheRules } from './server/schedule-cache';

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', short: 'H', default: process.env['HOSTNAME'] ?? '127.0.0.1' },
    port: { type: 'string', short: 'p', default: process.env['PORT'] ?? '3000' },
  },
});
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

const logger = createLogger({ name: 'web', level: process.env['LOG_LEVEL'] ?? 'info' });
const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = next({ dev: false, dir: webRoot, hostname: host, port });
const handle = app.getRequestHandler();

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

const server = createServer((req, res) => {
  // Rate limits key on the client's address: only this server can vouch for it, so what
  // Next and the API read in X-Forwarded-For / X-Real-IP is what is resolved here.
  const client = resolveClientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedProxies);
  delete req.headers['x-real-ip'];
  if (client) req.headers['x-forwarded-for'] = client;
  else delete req.headers['x-forwarded-for'];
  if (cacheSetting === 'on' && req.headers[FILL_HEADER] !== fillToken && cache.handle(req, res)) return;
  handle(req, res).catch((error: unknown) => {
    logger.error({ err: error, url: req.url }, 'request failed');
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') exitWithStartupError('web', `port ${port} is already in use`, 'stop the other process or pass another --port');
  exitWithStartupError('web', `cannot listen on ${host}:${port}: ${error.message}`, 'check --host/--port');
});
server.listen(port, host, () => logger.info({ url: `http://${host}:${port}` }, 'web listening'));

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal, cache: cache.stats() }, 'web shutting down');
  server.close();
  // Open now/next streams would keep the server up: they reconnect to the next server by themselves.
  server.closeAllConnections();
  await app.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
