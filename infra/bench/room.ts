/**
 * Benchmark of the video room (not a test), with real Chromium (fake camera and microphone), the
 * real SFU (mediasoup worker) and the web app's production build:
 *   1. Join latency: two people publish in a room; then, N times, a new person opens /r/<room>,
 *      waits for the pre-join to be done (camera preview playing), clicks "Join room" and the clock
 *      runs to the first remote frame on screen (performance marks the room page sets:
 *      padmeet:join-click → padmeet:first-remote-frame). Printed beside the baseline in the same
 *      run: a bare mediasoup-client join (infra/bench/room-bare-join.ts: camera open, signaling
 *      socket opened → first remote frame), N times.
 *   2. Bandwidth: 10 people with their cameras on in one room (speaker view), then the bit/s the
 *      SFU sends each of them (its recv transport's bytesSent from /metrics over the window).
 * Starts its own stack (PostgreSQL, Etherpad, auth, SFU with a port offset; its own database),
 * prints a markdown table and appends it to docs/benchmarks-room.md.
 *
 *   npm run bench:room [-- --joins 20 --people 10 --seconds 10 --offset 700 --skip-build --no-write]
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, CHROMIUM_ARGS, ensureDatabase, percentile, startServices, startWeb, waitForPreJoin } from './support';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    joins: { type: 'string', default: '20' },
    people: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    offset: { type: 'string', default: '700' },
    database: { type: 'string', default: 'padmeet_bench_room' },
    'skip-build': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const offset = Number(args.offset);
const log = (message: string) => process.stderr.write(`bench:room ${message}\n`);
const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};


async function createRoom(databaseUrl: string, capacity: number | null = null): Promise<string> {
  const suffix = randomBytes(4).toString('hex');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, updated_at)
       VALUES (gen_random_uuid(), $1, $2, current_date, current_date + 1, 'UTC', true, now()) RETURNING id`,
      [`bench-${suffix}`, `Bench ${suffix}`],
    );
    await client.query(`INSERT INTO room (id, event_id, slug, name, capacity) VALUES (gen_random_uuid(), $1, $2, $3, $4)`, [
      event.rows[0]?.id,
      `bench-${suffix}`,
      `Bench room ${suffix}`,
      capacity,
    ]);
  } finally {
    await client.end();
  }
  return `bench-${suffix}`;
}

/** Opens the room page and waits until the pre-join is done (the camera preview plays). */
async function openPreJoin(browser: Browser, webUrl: string, room: string, name: string, layout: 'grid' | 'speaker' = 'grid'): Promise<Page> {
  const context = await browser.newContext();
  // The speaker view is the call on the main area ("Video first"); the joins measure the default (notes first, the call as a strip).
  await context.addInitScript((chosen) => {
    localStorage.setItem('padmeet.layout', chosen);
    if (chosen === 'speaker') localStorage.setItem('padmeet.stage', 'video');
  }, layout);
  const page = await context.newPage();
  // A saturated machine (the 10-person room) loads pages slowly: wait longer than Playwright's default.
  page.setDefaultTimeout(120_000);
  await page.goto(`${webUrl}/r/${room}`);
  await page.getByLabel(/your name/i).fill(name);
  await waitForPreJoin(page);
  return page;
}

async function clickJoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join room' }).click();
}

/** Marks the room page sets; those before the click (joined ahead) come out negative. */
const STEPS = ['join-response', 'join-sent', 'sfu-joined', 'first-video-consumer', 'first-remote-frame'] as const;
const breakdown: Record<string, number[]> = Object.fromEntries(STEPS.map((step) => [step, []]));

/** The room page's own measure: click → first remote frame, in the page's clock (and when each step was reached). */
async function clickToFirstFrame(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('padmeet:first-remote-frame').length > 0, undefined, { timeout: 30_000 });
  const marks = await page.evaluate((steps) => {
    const click = performance.getEntriesByName('padmeet:join-click')[0]!.startTime;
    return Object.fromEntries(steps.map((step) => [step, (performance.getEntriesByName(`padmeet:${step}`)[0]?.startTime ?? NaN) - click]));
  }, [...STEPS]);
  for (const step of STEPS) breakdown[step]!.push(marks[step]!);
  return marks['first-remote-frame']!;
}

async function bareBundle(): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'padmeet-bench-'));
  await build({
    entryPoints: [join(root, 'infra/bench/room-bare-join.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: join(outdir, 'bare.js'),
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'error',
  });
  return readFileSync(join(outdir, 'bare.js'), 'utf8');
}

async function issueToken(stackEnv: Record<string, string>, room: string, name: string): Promise<string> {
  const response = await fetch(`${stackEnv['AUTH_URL']}/v1/join-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stackEnv['AUTH_SERVICE_SECRET']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ room, name, role: 'guest', canPublish: true, subject: `bench:${randomBytes(6).toString('hex')}` }),
  });
  if (!response.ok) throw new Error(`auth refused a join token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * The bare join in a document of the web app's origin (the SFU accepts only that origin; a response
 * Playwright made up would count as a public address to Chromium's local-network checks): the
 * health check's answer, with the bundle added to it.
 */
async function bareJoin(browser: Browser, webUrl: string, sfuUrl: string, token: string, bundle: string): Promise<number> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${webUrl}/api/healthz`);
  await page.addScriptTag({ content: bundle });
  try {
    return await page.evaluate(([url, jwt]) => (globalThis as unknown as { bareJoin: (u: string, t: string) => Promise<number> }).bareJoin(url!, jwt!), [sfuUrl, token]);
  } finally {
    await context.close();
  }
}

interface SfuMetrics {
  rooms: Array<{ room: string; transports: Array<{ peerId: string; direction: string; bytesSent: number }> }>;
}

async function recvBytesByPeer(sfuHttp: string, room: string): Promise<Map<string, number>> {
  const metrics = (await (await fetch(`${sfuHttp}/metrics`)).json()) as SfuMetrics;
  const bytes = new Map<string, number>();
  for (const transport of metrics.rooms.find((r) => r.room === room)?.transports ?? []) {
    if (transport.direction === 'recv') bytes.set(transport.peerId, (bytes.get(transport.peerId) ?? 0) + transport.bytesSent);
  }
  return bytes;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');

async function main() {
  const adminUrl = process.env['DATABASE_URL'] ?? 'postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet';
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${args.database}` }).toString();
  await ensureDatabase(adminUrl, args.database);
  log(`starting PostgreSQL, Etherpad, auth and SFU (port offset ${offset})…`);
  const { stackEnv, secrets, stop: stopServices } = await startServices(root, offset, {
    DATABASE_URL: databaseUrl,
    ETHERPAD_DATABASE_URL: Object.assign(new URL(adminUrl), { pathname: `/${args.database}_etherpad` }).toString(),
  });
  const port = 3000 + offset;
  const sfuHttp = `http://127.0.0.1:${3002 + offset}`;
  const sfuUrl = `ws://127.0.0.1:${3002 + offset}/ws`;
  const webEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...stackEnv,
    DATABASE_URL: databaseUrl,
    SFU_PUBLIC_URL: sfuUrl,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: secrets['NEXTAUTH_SECRET'] ?? '',
    NEXT_TELEMETRY_DISABLED: '1',
    PADMEET_NEXT_DIST_DIR: '.next-bench-room',
    LOG_LEVEL: 'warn',
  };
  let stopWeb = async () => {};
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    if (!args['skip-build'] || !existsSync(join(root, 'apps/web/.next-bench-room'))) {
      log('production build of the web app…');
      buildWeb(root, webEnv);
    }
    const web = await startWeb(root, port, webEnv, 'the web app');
    stopWeb = web.stop;
    // localhost: a secure context for the camera, as a visitor's https is.
    const webUrl = web.url.replace('127.0.0.1', 'localhost');
    const bundle = await bareBundle();

    // 1. Join latency into a room where two people publish.
    const room = await createRoom(databaseUrl);
    const publishers = [await openPreJoin(browser, webUrl, room, 'Pub A'), await openPreJoin(browser, webUrl, room, 'Pub B')];
    for (const page of publishers) await clickJoin(page);
    for (const page of publishers) await clickToFirstFrame(page);
    const joins = Number(args.joins);
    const pageTimes: number[] = [];
    const bareTimes: number[] = [];
    const failures: string[] = [];
    for (let i = 0; i < joins; i++) {
      // Alternate, so that neither side gets the quieter half of the run.
      try {
        bareTimes.push(await bareJoin(browser, webUrl, sfuUrl, await issueToken(stackEnv, room, `Bare ${i + 1}`), bundle));
      } catch (error) {
        failures.push(`bare: ${(error as Error).message.split('\n')[0]}`);
      }
      const page = await openPreJoin(browser, webUrl, room, `Joiner ${i + 1}`);
      try {
        await clickJoin(page);
        pageTimes.push(await clickToFirstFrame(page));
      } catch (error) {
        failures.push(`page: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        await page.context().close();
      }
      log(`join ${i + 1}/${joins}: page ${fmt(pageTimes.at(-1) ?? NaN)} ms (${STEPS.map((step) => `${step} ${fmt(breakdown[step]!.at(-1) ?? NaN)}`).join(', ')}), bare ${fmt(bareTimes.at(-1) ?? NaN)} ms${failures.length ? ` [${failures.at(-1)}]` : ''}`);
    }
    for (const page of publishers) await page.context().close();
    pageTimes.sort((a, b) => a - b);
    bareTimes.sort((a, b) => a - b);

    // 2. What each of 10 people receives with every camera on (speaker view: one large tile, thumbnails).
    const people = Number(args.people);
    const seconds = Number(args.seconds);
    const bigRoom = await createRoom(databaseUrl);
    const pages: Page[] = [];
    for (let i = 0; i < people; i++) {
      const page = await openPreJoin(browser, webUrl, bigRoom, `Person ${i + 1}`, 'speaker');
      await clickJoin(page);
      pages.push(page);
    }
    for (const page of pages) {
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=remote-tile], [data-testid=screen-tile]').length >= n, people - 1, { timeout: 120_000 });
    }
    log(`${people} people in the room; letting the bandwidth estimates ramp up (15 s)…`);
    await new Promise((r) => setTimeout(r, 15_000));
    await until(async () => (await recvBytesByPeer(sfuHttp, bigRoom)).size >= people, 'every recv transport in /metrics');
    const before = await recvBytesByPeer(sfuHttp, bigRoom);
    const startedAt = Date.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const after = await recvBytesByPeer(sfuHttp, bigRoom);
    const elapsed = (Date.now() - startedAt) / 1000;
    const rates = [...after.entries()].map(([peer, bytes]) => ((bytes - (before.get(peer) ?? 0)) * 8) / elapsed / 1e6).sort((a, b) => a - b);
    for (const page of pages) await page.context().close();

    const p95Page = percentile(pageTimes, 95);
    const p95Bare = percentile(bareTimes, 95);
    const lines = [
      `### ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
      '',
      `| join (${joins} each, room with 2 publishers) | n | p50 ms | p95 ms | max ms |`,
      '|---|---:|---:|---:|---:|',
      `| room page: click "Join room" (pre-join done) → first remote frame | ${pageTimes.length} | ${fmt(percentile(pageTimes, 50))} | ${fmt(p95Page)} | ${fmt(pageTimes.at(-1) ?? NaN)} |`,
      `| bare mediasoup-client: signaling start → first remote frame | ${bareTimes.length} | ${fmt(percentile(bareTimes, 50))} | ${fmt(p95Bare)} | ${fmt(bareTimes.at(-1) ?? NaN)} |`,
      '',
      `Room page p95 / bare p95: **${(p95Page / p95Bare).toFixed(2)}×** (target ≤ 1.5×); room page p95 **${fmt(p95Page)} ms** (target ≤ 500 ms).${failures.length ? ` Failures: ${failures.join('; ')}` : ''}`,
      '',
      `Where the room page's join spends its time (median ms after the click, ${STEPS.length} steps): ${STEPS.map((step) => `${step} ${fmt(percentile([...breakdown[step]!].sort((a, b) => a - b), 50))}`).join(' → ')}.`,
      '',
      `| ${people} people, every camera on, speaker view | min | median | max |`,
      '|---|---:|---:|---:|',
      `| Mbit/s the SFU sends each person (over ${fmt(elapsed)} s) | ${rates[0]?.toFixed(2) ?? '-'} | ${percentile(rates, 50).toFixed(2)} | ${rates.at(-1)?.toFixed(2) ?? '-'} |`,
      '',
      'Target: ≤ 3.5 Mbit/s each (thumbnails on the low layer, the speaker on the high one).',
      '',
    ];
    const table = lines.join('\n');
    process.stdout.write(`${table}\n`);
    if (!args['no-write']) appendFileSync(join(root, 'docs/benchmarks-room.md'), `${table}\n`);
  } finally {
    await browser.close();
    await stopWeb();
    await stopServices();
  }
}

await main();
