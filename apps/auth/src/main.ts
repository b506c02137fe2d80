import { createAccountsService } from '@padmeet/accounts';
import { checkDatabase, createAccountSessionRepository, createInviteRepository, createUserRepository, disconnectAll, getDb } from '@padmeet/data';
import { createJoinTokenSigner } from '@padmeet/join-token';
import { startMetricsListener } from '@padmeet/metrics';
import { createLogger, exitWithStartupError, firstLineOf } from '@padmeet/util';
import { loadAuthEnv } from './env';
import { createAuthMetrics } from './metrics';
import { createAuthServer } from './server';

const env = loadAuthEnv();
const logger = createLogger({ name: 'auth', level: env.LOG_LEVEL });

const fail = (problem: string, remedy: string): never => exitWithStartupError('auth', problem, remedy);

const signer = await createJoinTokenSigner(env.JOIN_TOKEN_PRIVATE_KEY).catch(() =>
  fail('JOIN_TOKEN_PRIVATE_KEY is not an Ed25519 private key', 'run `npm run setup` to generate one, or provide a PKCS#8 Ed25519 PEM'),
);
const db = getDb(env.DATABASE_URL);
await checkDatabase(db).catch((error: unknown) =>
  fail(
    `database not usable at ${new URL(env.DATABASE_URL).host} (${firstLineOf(error)})`,
    'start PostgreSQL (infra/scripts/postgres.sh) and apply migrations (npm run db:migrate)',
  ),
);

const accounts = createAccountsService({
  users: createUserRepository(db),
  invites: createInviteRepository(db),
  sessions: createAccountSessionRepository(db),
  logger: logger.child({ component: 'accounts' }),
});
const metrics = createAuthMetrics();
const server = createAuthServer({
  serviceSecret: env.AUTH_SERVICE_SECRET,
  signer,
  accounts,
  checkDatabase: () => checkDatabase(db),
  logger,
  onOutcome: metrics.onOutcome,
});
const metricsListener = await startMetricsListener({
  registry: metrics.registry,
  port: env.AUTH_METRICS_PORT,
  host: env.METRICS_HOST,
  token: env.METRICS_TOKEN,
  onError: (error, path) => logger.error({ err: error, path }, 'metrics failed'),
}).catch((error: NodeJS.ErrnoException) =>
  error.code === 'EADDRINUSE'
    ? fail(`metrics port ${env.AUTH_METRICS_PORT} is already in use`, 'stop the other process or set AUTH_METRICS_PORT')
    : fail(`cannot listen on ${env.METRICS_HOST}:${env.AUTH_METRICS_PORT} (${error.message})`, 'check METRICS_HOST/AUTH_METRICS_PORT'),
);
logger.info({ url: metricsListener.url, token: env.METRICS_TOKEN ? 'required' : 'none' }, 'auth metrics listening');
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') fail(`port ${env.AUTH_PORT} is already in use`, 'stop the other process or set AUTH_PORT');
  fail(`cannot listen: ${error.message}`, 'check AUTH_HOST/AUTH_PORT');
});
server.listen(env.AUTH_PORT, env.AUTH_HOST, () => logger.info({ url: `http://${env.AUTH_HOST}:${env.AUTH_PORT}` }, 'auth listening'));

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'auth shutting down');
  server.close();
  server.closeAllConnections();
  await metricsListener.close();
  await disconnectAll();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
