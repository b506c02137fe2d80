/**
 * Benchmark of the schedule read paths (not a test): seeds an event with 500
 * sessions across 20 rooms, starts the whole stack with the production build
 * of the web app (services from infra/stack/run.ts; its own ports and Next build directory),
 * then loads, with 100 concurrent clients each (autocannon, browser-like headers):
 *   - GET /api/healthz                        baseline: a trivial route of the same server (passes the cache)
 *   - GET /e/bench-ptg                        the schedule page (server-rendered grid)
 *   - GET /api/events/bench-ptg/now-next      the now/next endpoint (JSON)
 *   - the last two again on a second server from the same build with the
 *     response cache off (PADMEET_RESPONSE_CACHE=off): Next alone
 * and prints p50/p95 latency and requests/s side by side, plus each as a ratio
 * to the baseline (the machine is noisy; ratios travel better than absolutes).
 *
 *   npm run bench [-- --duration 6 --rounds 3 --connections 100 --offset 700 --database padmeet_bench]
 *
 * Needs PostgreSQL (infra/scripts/postgres.sh) and a role that may create the database.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { disconnectAll, getDb } from '../../libs/data/src/index';
import { buildWeb, ensureDatabase as ensureBenchDatabase, percentile, startServices, startWeb } from './support';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '100' },
    offset: { type: 'string', default: '700' },
    database: { type: 'string', default: 'padmeet_bench' },
  },
});
const duration = Number(args.duration);
const roundCount = Number(args.rounds);
const connections = Number(args.connections);
const offset = Number(args.offset);
const adminUrl = process.env['DATABASE_URL'] ?? 'postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet';
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${args.database}` }).toString();
const log = (line: string) => process.stdout.write(`bench: ${line}\n`);

// 1. A database of its own, migrated (run.ts migrates) and seeded with the bench event.
async function ensureDatabase() {
  await ensureBenchDatabase(adminUrl, args.database);
  execFileSync('bash', [join(root, 'infra/scripts/prisma.sh'), 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'ignore' });
}

async function seedBenchEvent() {
  const db = getDb(databaseUrl);
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  await db.event.deleteMany({ where: { slug: 'bench-ptg' } });
  const event = await db.event.create({
    data: { slug: 'bench-ptg', name: 'Benchmark PTG', startsOn: today, endsOn: new Date(today.getTime() + 86_400_000), timeZone: 'UTC', published: true },
  });
  const sessions = [];
  for (let r = 0; r < 20; r++) {
    const room = await db.room.create({ data: { eventId: event.id, slug: `bench-room-${r + 1}`, name: `Room ${r + 1}`, position: r, capacity: 50 } });
    const track = await db.track.create({ data: { eventId: event.id, slug: `team-${r + 1}`, name: `Team ${r + 1}`, position: r } });
    for (let i = 0; i < 25; i++) {
      const startsAt = new Date(today.getTime() + (i * 90 + r) * 60_000 - (r % 4) * 0);
      sessions.push({ trackId: track.id, roomId: room.id, title: `Team ${r + 1} topic ${i + 1}`, agenda: `## Topic ${i + 1}\n\n- item\n- item`, startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000) });
    }
  }
  // Starts on a quarter hour like real bookings: shift each room's row to :00/:15/:30/:45.
  for (const s of sessions) {
    const aligned = Math.floor(s.startsAt.getTime() / 900_000) * 900_000;
    s.endsAt = new Date(aligned + 3_600_000);
    s.startsAt = new Date(aligned);
  }
  await db.session.createMany({ data: sessions });
  const count = await db.session.count({ where: { room: { eventId: event.id } } });
  await disconnectAll();
  return count;
}

// 2. The services (PostgreSQL, Etherpad, auth, SFU) from the stack runner, then the
//    web app's production build started here, with its own build directory and port.
async function startStack(): Promise<{ webUrl: string; nextAloneUrl: string; stop: () => Promise<void> }> {
  const { stackEnv, secrets, stop: stopServices } = await startServices(root, offset, { DATABASE_URL: databaseUrl });
  try {
    const port = 3000 + offset;
    const webEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ETHERPAD_URL: stackEnv['ETHERPAD_URL'] ?? '',
      ETHERPAD_API_KEY: stackEnv['ETHERPAD_API_KEY'] ?? '',
      AUTH_URL: stackEnv['AUTH_URL'] ?? '',
      AUTH_SERVICE_SECRET: stackEnv['AUTH_SERVICE_SECRET'] ?? '',
      SFU_PUBLIC_URL: `ws://127.0.0.1:${3002 + offset}/ws`,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXTAUTH_SECRET: secrets['NEXTAUTH_SECRET'] ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
      PADMEET_NEXT_DIST_DIR: '.next-bench',
      LOG_LEVEL: 'warn',
    };
    log('production build of the web app…');
    buildWeb(root, webEnv);
    // The production server twice from the one build: as shipped (Next behind the
    // response cache), and with the cache off (Next alone), to show what the cache buys.
    // Each on a metrics port of its own (the default, 9400, would be taken by the first).
    const cached = await startWeb(root, port, { ...webEnv, PADMEET_RESPONSE_CACHE: 'on', WEB_METRICS_PORT: String(port + 50) }, 'the web app (cache on)');
    const uncached = await startWeb(root, 3010 + offset, { ...webEnv, PADMEET_RESPONSE_CACHE: 'off', WEB_METRICS_PORT: String(3060 + offset) }, 'the web app (cache off)').catch(async (error: unknown) => {
      await cached.stop();
      throw error;
    });
    return {
      webUrl: cached.url,
      nextAloneUrl: uncached.url,
      stop: async () => {
        await cached.stop();
        await uncached.stop();
        await stopServices();
      },
    };
  } catch (error) {
    await stopServices();
    throw error;
  }
}

interface Measured {
  name: string;
  path: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
}

async function measure(name: string, url: string, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  // Headers as a browser sends them: compressed answers are what real visitors get.
  const headers = { accept: url.includes('now-next') ? 'application/json' : 'text/html', 'accept-encoding': 'gzip, deflate, br' };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    name,
    path: new URL(url).pathname,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: result.requests.average,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main() {
  log(`database ${args.database}: migrate and seed 500 sessions across 20 rooms`);
  await ensureDatabase();
  const count = await seedBenchEvent();
  log(`seeded ${count} sessions; starting the stack (production build, port offset ${offset})…`);
  const stack = await startStack();
  try {
    const targets = [
      { name: 'baseline /api/healthz', url: `${stack.webUrl}/api/healthz` },
      { name: 'schedule page', url: `${stack.webUrl}/e/bench-ptg` },
      { name: 'now/next endpoint', url: `${stack.webUrl}/api/events/bench-ptg/now-next` },
      { name: 'schedule page, Next alone (cache off)', url: `${stack.nextAloneUrl}/e/bench-ptg` },
      { name: 'now/next endpoint, Next alone (cache off)', url: `${stack.nextAloneUrl}/api/events/bench-ptg/now-next` },
    ];
    // Warm up (compile caches, DB pool, schedule snapshot).
    for (const t of targets) await measure(t.name, t.url, 2);
    // Interleaved rounds, so that a burst of load from elsewhere on the machine
    // hits all routes alike; each figure is the median over the rounds.
    const rounds: Measured[][] = targets.map(() => []);
    for (let round = 1; round <= roundCount; round++) {
      for (const [i, t] of targets.entries()) {
        log(`round ${round}/${roundCount}: ${t.name}, ${connections} connections for ${duration} s…`);
        rounds[i]!.push(await measure(t.name, t.url, duration));
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const results: Measured[] = rounds.map((runs) => ({
      name: runs[0]!.name,
      path: runs[0]!.path,
      p50: median(runs.map((r) => r.p50)),
      p95: median(runs.map((r) => r.p95)),
      p99: median(runs.map((r) => r.p99)),
      rps: median(runs.map((r) => r.rps)),
      errors: runs.reduce((n, r) => n + r.errors, 0),
      non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    }));
    const load = (await import('node:os')).loadavg()[0]!;
    const base = results[0]!;
    const lines = [
      `| route | p50 ms | p95 ms | p99 ms | req/s | p95 / baseline | req/s / baseline | errors | non-2xx |`,
      `|---|---:|---:|---:|---:|---:|---:|---:|---:|`,
      ...results.map(
        (r) => `| ${r.name} (\`${r.path}\`) | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.rps, 0)} | ${fmt(r.p95 / base.p95, 2)}× | ${fmt(r.rps / base.rps, 2)}× | ${r.errors} | ${r.non2xx} |`,
      ),
    ];
    process.stdout.write(
      `\n${connections} concurrent clients, ${roundCount} interleaved rounds of ${duration} s per route (medians), production build, ${count} sessions in 20 rooms, load average ${load.toFixed(1)} at the end\n\n${lines.join('\n')}\n\n`,
    );
    if (results.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

await main();
