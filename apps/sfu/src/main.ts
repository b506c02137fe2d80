import { createJoinTokenVerifier } from '@padmeet/join-token';
import { createAppMetrics, startMetricsListener } from '@padmeet/metrics';
import { createAttendanceReporter, createSfuServer, createSfuStatsSampler, createWorkerPool } from '@padmeet/sfu-core';
import { createLogger, exitWithStartupError, firstLineOf } from '@padmeet/util';
import { loadSfuEnv } from './env';

const env = loadSfuEnv();
const logger = createLogger({ name: 'sfu', level: env.LOG_LEVEL });

const fail = (problem: string, remedy: string): never => exitWithStartupError('sfu', problem, remedy);

const verifier = await createJoinTokenVerifier(env.JOIN_TOKEN_PUBLIC_KEY).catch(() =>
  fail('JOIN_TOKEN_PUBLIC_KEY is not an Ed25519 public key', 'run `npm run setup` to generate the key pair, or provide an SPKI Ed25519 PEM'),
);
const rtc = { listenIp: env.SFU_LISTEN_IP, announcedIp: env.SFU_ANNOUNCED_IP, basePort: env.SFU_RTC_PORT };
const rtcPorts = env.SFU_WORKERS === 1 ? `${env.SFU_RTC_PORT}` : `${env.SFU_RTC_PORT}-${env.SFU_RTC_PORT + env.SFU_WORKERS - 1}`;
const workerPool = await createWorkerPool({ size: env.SFU_WORKERS, logger, rtc }).catch((error: unknown) => {
  const detail = firstLineOf(error);
  if (/WebRtcServer could not listen/.test(detail)) {
    return fail(`${detail}`, `free UDP and TCP port(s) ${rtcPorts} on ${env.SFU_LISTEN_IP}, or set SFU_RTC_PORT / SFU_LISTEN_IP`);
  }
  return fail(
    `the mediasoup worker did not start (${detail})`,
    'build it with infra/scripts/build-mediasoup-worker.sh and set MEDIASOUP_WORKER_BIN to its path',
  );
});
// Attendance (issue 12): who joins and leaves, told to the web app (buffered and retried).
const attendance =
  env.WEB_INTERNAL_URL && env.AUTH_SERVICE_SECRET
    ? createAttendanceReporter({ webUrl: env.WEB_INTERNAL_URL, secret: env.AUTH_SERVICE_SECRET, logger: logger.child({ part: 'attendance' }) })
    : undefined;
if (!attendance) logger.info('WEB_INTERNAL_URL is not set: attendance is not reported to the web app');
const server = createSfuServer({
  verifier,
  workerPool,
  logger,
  allowedOrigins: env.SFU_ALLOWED_ORIGINS,
  ...(env.SFU_LOAD_TEST === 'on' ? { loadTest: { listenIp: env.SFU_LISTEN_IP, announcedIp: env.SFU_ANNOUNCED_IP } } : {}),
  ...(env.SFU_PEERS_PER_ROUTER ? { peersPerRouter: env.SFU_PEERS_PER_ROUTER } : {}),
  publicJsonMetrics: env.SFU_PUBLIC_JSON_METRICS === 'on',
  ...(attendance ? { attendance } : {}),
});
if (env.SFU_LOAD_TEST === 'on') logger.warn('SFU_LOAD_TEST=on: plain SRTP transports are accepted for load-test join tokens (never in production)');

await server.listen(env.SFU_PORT, env.SFU_HOST).catch(async (error: NodeJS.ErrnoException) => {
  await workerPool.close();
  if (error.code === 'EADDRINUSE') fail(`port ${env.SFU_PORT} is already in use`, 'stop the other process or set SFU_PORT');
  fail(`cannot listen on ${env.SFU_HOST}:${env.SFU_PORT} (${error.message})`, 'check SFU_HOST/SFU_PORT');
});
// Metrics (issue 13): Prometheus on its own listener (loopback by default, METRICS_TOKEN when set), with JSON views.
const appMetrics = createAppMetrics('sfu');
const sampler = createSfuStatsSampler({
  registry: server.registry,
  workerPool,
  metrics: appMetrics.registry,
  logger,
  intervalMs: env.SFU_STATS_INTERVAL_MS,
  roomLabelCap: env.SFU_METRICS_ROOM_LABELS,
  thresholds: { loss: env.SFU_WARN_LOSS, cpu: env.SFU_WARN_CPU },
});
const metricsListener = await startMetricsListener({
  registry: appMetrics.registry,
  port: env.SFU_METRICS_PORT,
  host: env.METRICS_HOST,
  token: env.METRICS_TOKEN,
  json: { '/stats.json': () => sampler.snapshot(), '/metrics.json': () => server.metrics() },
  onError: (error, path) => logger.error({ err: error, path }, 'metrics view failed'),
}).catch(async (error: NodeJS.ErrnoException) => {
  await server.close();
  if (error.code === 'EADDRINUSE') fail(`metrics port ${env.SFU_METRICS_PORT} is already in use`, 'stop the other process or set SFU_METRICS_PORT');
  return fail(`cannot listen on ${env.METRICS_HOST}:${env.SFU_METRICS_PORT} (${error.message})`, 'check METRICS_HOST/SFU_METRICS_PORT');
});
logger.info({ url: metricsListener.url, token: env.METRICS_TOKEN ? 'required' : 'none' }, 'sfu metrics listening');

logger.info(
  { url: `http://${env.SFU_HOST}:${env.SFU_PORT}`, workers: env.SFU_WORKERS, rtc: `${env.SFU_ANNOUNCED_IP ?? env.SFU_LISTEN_IP}:${rtcPorts} (UDP+TCP)` },
  'sfu listening',
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'sfu shutting down');
  sampler.stop();
  await metricsListener.close();
  await server.close();
  await attendance?.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
