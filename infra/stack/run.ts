/**
 * Runs padmeet locally: PostgreSQL (migrated, seeded), Etherpad, auth, SFU and
 * web, each a real process. Ctrl-C stops everything; a second start clears what
 * a killed run left behind. `npm start` calls this after infra/scripts/setup.sh.
 *
 *   node --import tsx infra/stack/run.ts [--profile local|test] [--dev] [--only etherpad]
 *
 * External services instead of local ones: set DATABASE_URL, or ETHERPAD_URL +
 * ETHERPAD_API_KEY in the environment (ETHERPAD_URL: one URL per Etherpad process, comma-separated).
 * SFU_ALLOWED_ORIGINS in the environment adds pages' origins the SFU lets in (comma-separated) to
 * the stack's own web app (e.g. bench:pad's second web app, with the pad on the app's origin).
 *
 * Etherpad: PADMEET_ETHERPAD_PROCESSES processes (default one per core), `etherpad-0`,
 * `etherpad-1`, … on consecutive ports from the profile's Etherpad port, sharing one state dir
 * (one API key, one session key) and one PostgreSQL database (ETHERPAD_DATABASE_URL, default
 * the profile's own database on the local server, or on DATABASE_URL's server when that is set).
 * The web app gets ETHERPAD_URL as the comma-separated list of their base URLs in index order:
 * the order decides which process serves which pad (padProcessIndex in libs/pad).
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { maxEtherpadProcesses, profiles, type Profile } from './profiles';
import { ensurePrivateDir, restrictToOwner, writePrivateFile } from '../../libs/util/src/private-files';
import { loadOrCreateSecrets } from './secrets';
import { waitForPadWarmUp } from './pad-warm-up';
import { Supervisor } from './supervisor';
import { isPadSocketMessage, passPadSocket } from '../../libs/pad-proxy/src/handoff';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    profile: { type: 'string', default: 'local' },
    dev: { type: 'boolean', default: false },
    only: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

function die(message: string): never {
  process.stderr.write(`padmeet: ${message}\n`);
  process.exit(1);
}

const baseProfile: Profile = profiles[args.profile as Profile['name']] ?? die(`unknown profile "${args.profile}" (local or test)`);
// PADMEET_PORT_OFFSET shifts every port, so several stacks (e.g. parallel test runs) fit on one machine.
const offset = Number(process.env['PADMEET_PORT_OFFSET'] ?? 0);
if (!Number.isInteger(offset) || offset < 0 || offset > 20_000) die('PADMEET_PORT_OFFSET must be a whole number between 0 and 20000');
const profile: Profile = {
  ...baseProfile,
  ports: Object.fromEntries(Object.entries(baseProfile.ports).map(([k, v]) => [k, v + offset])) as Profile['ports'],
};
const only = args.only ? new Set(args.only.split(',')) : null;
const wanted = (name: string) => !only || only.has(name);
// .padmeet/ holds secrets (keys, env files with database URLs): owner-only, whatever an older run or the umask left.
ensurePrivateDir(join(root, '.padmeet'));
restrictToOwner(join(root, '.padmeet'));
const state = join(root, '.padmeet', offset ? `${profile.name}-${offset}` : profile.name);
ensurePrivateDir(state);

const workerBinFile = join(root, '.padmeet', 'mediasoup-worker-bin');
const workerBin = process.env['MEDIASOUP_WORKER_BIN'] ?? (existsSync(workerBinFile) ? readFileSync(workerBinFile, 'utf8').trim() : undefined);
const databaseUrl = process.env['DATABASE_URL'] ?? `postgresql://padmeet:padmeet@127.0.0.1:5432/${profile.database}`;
const secrets = await loadOrCreateSecrets(join(root, '.padmeet', 'secrets.env'));
/** PADMEET_ETHERPAD_PROCESSES, default one per core. */
function etherpadProcesses(): number {
  const raw = process.env['PADMEET_ETHERPAD_PROCESSES'];
  if (raw === undefined || raw === '') return Math.min(availableParallelism(), maxEtherpadProcesses);
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > maxEtherpadProcesses) die(`PADMEET_ETHERPAD_PROCESSES must be a whole number from 1 to ${maxEtherpadProcesses}, got "${raw}"`);
  return count;
}
/** `url` with another database name (same server, role and options). */
function sameServer(url: string, database: string): string {
  const other = new URL(url);
  other.pathname = `/${database}`;
  return other.href;
}
const sh = (file: string, ...rest: string[]) => execFileSync('bash', [join(root, 'infra/scripts', file), ...rest], { cwd: root, encoding: 'utf8' }).trim();

const supervisor = new Supervisor(join(state, 'pids'), args.quiet);
let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  process.stdout.write('\npadmeet: stopping…\n');
  await supervisor.stopAll();
  process.exit(code);
}
/**
 * Pad WebSockets the web server hands over (PADMEET_PAD_HANDOFF=ipc, libs/pad-proxy/src/handoff.ts),
 * passed on to the Etherpad process that serves the pad: from the web service, or from the process
 * that started this one (a benchmark running its own web server beside these services).
 */
function toEtherpad(message: unknown, handle: unknown) {
  passPadSocket(message, handle, isPadSocketMessage(message) ? supervisor.channel(`etherpad-${message.process}`) : undefined);
}
if (process.send) process.on('message', toEtherpad);
/** Etherpad runs here (not an external ETHERPAD_URL): the web server may hand its pad WebSockets over. */
let etherpadHere = false;
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  // Database: migrations are the one way the schema changes; the local profile gets demo data.
  if (wanted('web') || wanted('auth') || wanted('database')) {
    try {
      execFileSync('bash', [join(root, 'infra/scripts/prisma.sh'), 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
      die(`cannot migrate the database at ${new URL(databaseUrl).host}: ${stderr.split('\n').find((l) => l.startsWith('Error')) ?? stderr.trim().split('\n').pop()} -> is PostgreSQL running? (infra/scripts/postgres.sh)`);
    }
    if (profile.name === 'local') execFileSync(process.execPath, ['--import', 'tsx', join(root, 'prisma/seed.ts')], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'inherit' });
  }

  // Etherpad: local processes, unless an external one is configured.
  let etherpadUrl = process.env['ETHERPAD_URL'];
  let etherpadApiKey = process.env['ETHERPAD_API_KEY'];
  if (!etherpadUrl) {
    const etherpadState = join(state, 'etherpad');
    const count = etherpadProcesses();
    const ports = Array.from({ length: count }, (_, i) => profile.ports.etherpad + i);
    etherpadUrl = ports.map((port) => `http://127.0.0.1:${port}`).join(',');
    etherpadApiKey = sh('etherpad.sh', 'api-key', '--state-dir', etherpadState);
    const etherpadDatabaseUrl = process.env['ETHERPAD_DATABASE_URL'] ?? sameServer(databaseUrl, profile.etherpadDatabase);
    if (wanted('etherpad')) {
      etherpadHere = true;
      // A run from before several processes recorded its one Etherpad as `etherpad`: the first
      // process's name now, so a leftover of a killed run is stopped like any other.
      const oldPidFile = join(state, 'pids', 'etherpad.pid');
      if (existsSync(oldPidFile)) renameSync(oldPidFile, join(state, 'pids', 'etherpad-0.pid'));
      // One after the other: the first also prepares the database (and moves an older install's
      // dirty file database into it) before the others start.
      for (const [index, port] of ports.entries()) {
        await supervisor.start({
          name: `etherpad-${index}`,
          command: 'bash',
          args: [join(root, 'infra/scripts/etherpad.sh'), 'run', '--state-dir', etherpadState, '--port', String(port), '--database-url', etherpadDatabaseUrl],
          env: {},
          port,
          readyUrl: `http://127.0.0.1:${port}/api`,
          readyTimeoutMs: 90_000,
          // Takes the pad WebSockets the web server hands over (Etherpad patch 12).
          ipc: true,
        });
      }
    }
  } else if (!etherpadApiKey) {
    die('ETHERPAD_URL is set but ETHERPAD_API_KEY is not -> give the API key of that Etherpad (its APIKEY.txt)');
  }

  const authUrl = `http://127.0.0.1:${profile.ports.auth}`;
  const sfuHttp = `http://127.0.0.1:${profile.ports.sfu}`;
  const webUrl = `http://localhost:${profile.ports.web}`;
  // The pad on an origin of its own: the same host, another port (its own renderer process in Chromium).
  const padOrigin = `http://localhost:${profile.ports.pad}`;
  const tsx = [process.execPath, '--import', 'tsx'] as const;
  // Metrics listeners (issue 13): each app's own port, 50 above its public one (clear of every other port of
  // this and a shifted stack), on loopback, behind one token derived from the service secret (stable, never committed).
  const metricsPorts = { web: profile.ports.web + 50, auth: profile.ports.auth + 50, sfu: profile.ports.sfu + 50 };
  const metricsToken = createHmac('sha256', secrets.AUTH_SERVICE_SECRET).update('padmeet metrics token').digest('base64url');
  const metricsEnv = { METRICS_HOST: '127.0.0.1', METRICS_TOKEN: metricsToken };
  const sfuMetricsUrl = `http://127.0.0.1:${metricsPorts.sfu}`;

  if (wanted('auth')) {
    await supervisor.start({
      name: 'auth',
      command: tsx[0],
      args: [...tsx.slice(1), join(root, 'apps/auth/src/main.ts')],
      env: {
        AUTH_PORT: String(profile.ports.auth),
        DATABASE_URL: databaseUrl,
        AUTH_SERVICE_SECRET: secrets.AUTH_SERVICE_SECRET,
        JOIN_TOKEN_PRIVATE_KEY: secrets.JOIN_TOKEN_PRIVATE_KEY,
        AUTH_METRICS_PORT: String(metricsPorts.auth),
        ...metricsEnv,
      },
      port: profile.ports.auth,
      readyUrl: `${authUrl}/healthz`,
      readyTimeoutMs: 30_000,
    });
  }

  if (wanted('sfu')) {
    await supervisor.start({
      name: 'sfu',
      command: tsx[0],
      args: [...tsx.slice(1), join(root, 'apps/sfu/src/main.ts')],
      env: {
        SFU_PORT: String(profile.ports.sfu),
        SFU_RTC_PORT: String(profile.ports.rtc),
        JOIN_TOKEN_PUBLIC_KEY: secrets.JOIN_TOKEN_PUBLIC_KEY,
        SFU_ALLOWED_ORIGINS: [webUrl, `http://127.0.0.1:${profile.ports.web}`, ...(process.env['SFU_ALLOWED_ORIGINS']?.split(',').filter(Boolean) ?? [])].join(','),
        SFU_METRICS_PORT: String(metricsPorts.sfu),
        // The JSON view on the public port too, on local and test stacks only (bench:room, e2e tests read it).
        SFU_PUBLIC_JSON_METRICS: 'on',
        ...metricsEnv,
        // Attendance (issue 12): joins and leaves go to the web app's internal endpoint.
        WEB_INTERNAL_URL: `http://127.0.0.1:${profile.ports.web}`,
        AUTH_SERVICE_SECRET: secrets.AUTH_SERVICE_SECRET,
        ...(workerBin ? { MEDIASOUP_WORKER_BIN: workerBin } : {}),
      },
      port: profile.ports.sfu,
      readyUrl: `${sfuHttp}/healthz`,
      readyTimeoutMs: 30_000,
    });
  }

  const webEnv = {
    DATABASE_URL: databaseUrl,
    ETHERPAD_URL: etherpadUrl,
    ETHERPAD_API_KEY: etherpadApiKey ?? '',
    AUTH_URL: authUrl,
    AUTH_SERVICE_SECRET: secrets.AUTH_SERVICE_SECRET,
    SFU_PUBLIC_URL: `ws://127.0.0.1:${profile.ports.sfu}/ws`,
    NEXTAUTH_URL: webUrl,
    NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
    PADMEET_PAD_ORIGIN: padOrigin,
    NEXT_TELEMETRY_DISABLED: '1',
    // The now/next stream accepts a test clock (?at=) on the test stack only.
    PADMEET_TEST_CLOCK: profile.name === 'test' ? '1' : '0',
    WEB_METRICS_PORT: String(metricsPorts.web),
    SFU_METRICS_URL: sfuMetricsUrl,
    ...metricsEnv,
    PADMEET_NEXT_DIST_DIR: profile.name === 'local' && !offset ? '.next' : `.next-${profile.name}${offset ? `-${offset}` : ''}`,
    PADMEET_PAD_HANDOFF: etherpadHere ? 'ipc' : 'off',
  };

  if (wanted('web')) {
    const next = join(root, 'node_modules/.bin/next');
    if (!args.dev) {
      process.stdout.write('padmeet: building the web app (production build)…\n');
      execFileSync(next, ['build'], { cwd: join(root, 'apps/web'), env: { ...process.env, ...webEnv }, stdio: args.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
    }
    // The web app's own server (apps/web/src/main.ts) in both modes: it proxies /pad to Etherpad
    // (HTTP and WebSocket) in front of Next; --dev runs Next in development mode inside it.
    await supervisor.start({
      name: 'web',
      command: tsx[0],
      args: [...tsx.slice(1), join(root, 'apps/web/src/main.ts'), '--host', '127.0.0.1', '--port', String(profile.ports.web), ...(args.dev ? ['--dev'] : [])],
      cwd: join(root, 'apps/web'),
      env: { ...webEnv, NODE_ENV: args.dev ? 'development' : 'production' },
      port: profile.ports.web,
      readyUrl: `http://127.0.0.1:${profile.ports.web}/api/healthz`,
      readyTimeoutMs: 120_000,
      ipc: etherpadHere,
      onMessage: toEtherpad,
    });
    // Ready once the pad's files are in the web server's memory, not on the first pad opened.
    if (wanted('etherpad') && !(await waitForPadWarmUp(`http://127.0.0.1:${profile.ports.web}`))) {
      process.stderr.write('padmeet: the pad proxy could not cache the pad page\'s files within 60 s; the first pad opened loads them\n');
    }
  }

  // For test runners: the addresses of this stack.
  const exported = {
    PADMEET_WEB_URL: webUrl,
    PADMEET_PAD_ORIGIN: padOrigin,
    PADMEET_NEXT_DIST_DIR: webEnv.PADMEET_NEXT_DIST_DIR,
    PADMEET_PAD_HANDOFF: webEnv.PADMEET_PAD_HANDOFF,
    DATABASE_URL: databaseUrl,
    ETHERPAD_URL: etherpadUrl,
    ETHERPAD_API_KEY: etherpadApiKey ?? '',
    AUTH_URL: authUrl,
    AUTH_SERVICE_SECRET: secrets.AUTH_SERVICE_SECRET,
    SFU_URL: sfuHttp,
    SFU_METRICS_URL: sfuMetricsUrl,
    WEB_METRICS_URL: `http://127.0.0.1:${metricsPorts.web}`,
    AUTH_METRICS_URL: `http://127.0.0.1:${metricsPorts.auth}`,
    METRICS_TOKEN: metricsToken,
    JOIN_TOKEN_PUBLIC_KEY: secrets.JOIN_TOKEN_PUBLIC_KEY,
    JOIN_TOKEN_PRIVATE_KEY: secrets.JOIN_TOKEN_PRIVATE_KEY,
    ...(workerBin ? { MEDIASOUP_WORKER_BIN: workerBin } : {}),
  };
  writePrivateFile(join(state, 'stack.env'), Object.entries(exported).map(([k, v]) => `export ${k}='${v}'`).join('\n') + '\n');
  writeFileSync(join(state, 'ready'), new Date().toISOString());

  process.stdout.write(
    wanted('web')
      ? `\n  padmeet is running: open ${webUrl}\n  (Etherpad ${etherpadUrl}, auth ${authUrl}, SFU ${sfuHttp}; Ctrl-C stops everything)\n\n`
      : `\n  padmeet services running (${[...(only ?? [])].join(', ')}); Ctrl-C stops them\n\n`,
  );
} catch (error) {
  process.stderr.write(`padmeet: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
}
