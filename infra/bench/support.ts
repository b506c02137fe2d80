/**
 * What the benchmarks (infra/bench/*.ts) share: starting the services and the web app's production
 * server, reading a stack's env file, waiting for and stopping processes, percentiles, their own database.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { passPadSocket } from '../../libs/pad-proxy/src/handoff';
import { waitForPadWarmUp } from '../stack/pad-warm-up';

/** `export NAME='value'` lines (infra/stack/run.ts writes stack.env so) as an object. */
export function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => /^(?:export )?([A-Z0-9_]+)=['"]?(.*?)['"]?$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/** A function that stops the child with SIGTERM and resolves once it exited. */
export function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
}

/** Polls `check` every second until it holds; fails when the child exits first or after 10 minutes. */
export async function waitFor(check: () => boolean | Promise<boolean>, child: ChildProcess, what: string) {
  const deadline = Date.now() + 600_000;
  while (!(await check())) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it was ready`);
    if (Date.now() > deadline) throw new Error(`${what} did not become ready in 10 minutes`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The p-th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Creates the benchmark's own database when missing (the URL's role needs CREATEDB). */
export async function ensureDatabase(adminUrl: string, database: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL (migrated), Etherpad, auth and the SFU from the stack runner (infra/stack/run.ts, local
 * profile, ports shifted by `offset`), with the addresses and secrets the web app needs to use them.
 * `env` adds to the runner's environment (DATABASE_URL, ETHERPAD_DATABASE_URL…).
 */
export async function startServices(root: string, offset: number, env: NodeJS.ProcessEnv) {
  const state = join(root, '.padmeet', `local-${offset}`);
  rmSync(join(state, 'ready'), { force: true });
  const services = spawn(process.execPath, ['--import', 'tsx', join(root, 'infra/stack/run.ts'), '--profile', 'local', '--quiet', '--only', 'database,etherpad,auth,sfu'], {
    cwd: root,
    env: { ...process.env, ...env, PADMEET_PORT_OFFSET: String(offset) },
    // The channel over which a web server started by startWeb hands its pad WebSockets to Etherpad.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const stop = stopper(services);
  try {
    await waitFor(() => existsSync(join(state, 'ready')), services, 'the services');
  } catch (error) {
    await stop();
    throw error;
  }
  return { stackEnv: readEnvFile(join(state, 'stack.env')), secrets: readEnvFile(join(root, '.padmeet', 'secrets.env')), stop, services };
}

/** The web app's production build (`next build` in apps/web), with `env` (PADMEET_NEXT_DIST_DIR names its directory). */
export function buildWeb(root: string, env: NodeJS.ProcessEnv) {
  execFileSync(join(root, 'node_modules/.bin/next'), ['build'], { cwd: join(root, 'apps/web'), env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * The web app's production server (apps/web/src/main.ts) on `port`, once its health check answers.
 * With `padSocketsTo` (the services of startServices) it hands its pad WebSockets to Etherpad
 * through them, as in the stack (PADMEET_PAD_HANDOFF=ipc); without, it relays them.
 */
export async function startWeb(root: string, port: number, env: NodeJS.ProcessEnv, what: string, padSocketsTo?: ChildProcess) {
  const web = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/web/src/main.ts'), '--host', '127.0.0.1', '--port', String(port)], {
    cwd: join(root, 'apps/web'),
    env: { ...env, NODE_ENV: 'production', PADMEET_PAD_HANDOFF: padSocketsTo ? 'ipc' : 'off' },
    stdio: padSocketsTo ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  });
  if (padSocketsTo) {
    // On to the services' supervisor, which passes it to the pad's Etherpad process.
    web.on('message', (message: unknown, handle: unknown) => passPadSocket(message, handle, padSocketsTo));
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(web);
  try {
    await waitFor(() => fetch(`${url}/api/healthz`).then((r) => r.ok, () => false), web, what);
    // As the stack does: measured once the pad's files are cached, not while Etherpad minifies them.
    await waitForPadWarmUp(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: web.pid, stop };
}

/** Debian's Chromium as the benchmarks launch it: headless, fake camera and microphone, loopback WebRTC (as apps/web-e2e's Playwright config). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

/** The room page's pad frame, and what in it says the pad's editor is ready (Etherpad's own class). */
export const PAD_FRAME = '[data-testid=pad-frame]';
export const PAD_EDITOR_READY = '#editorcontainer.initialized';

/** The room page's "Join room" button, once it answers a click (enabled: the page is hydrated). */
export async function waitForJoinButton(page: Page, timeout = 30_000) {
  const join = page.getByRole('button', { name: /join room/i });
  await join.waitFor({ timeout });
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('form.join button[type=submit]')?.disabled, undefined, { timeout });
  return join;
}

/**
 * What a person does in the seconds they look at the room page's pre-join, before they click
 * "Join room": the camera preview plays, the button is enabled, and the page joins ahead (token,
 * notes, signaling socket, device) for the name in the field, and then loads the room's pad out of
 * sight. The join ahead is not waited for beyond 10 s, the pad not beyond 15 s more: the click then
 * pays for what is left.
 */
export async function waitForPreJoin(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid=prejoin-preview]');
    return video !== null && video.readyState >= 2 && video.currentTime > 0;
  });
  await waitForJoinButton(page);
  await page.waitForFunction(() => performance.getEntriesByName('padmeet:media-prepared').length > 0, undefined, { timeout: 10_000 }).catch(() => undefined);
  // The pre-join is done when the notes it loads beside it (after the call is prepared) are ready too.
  // (Out of sight, and on the pad's own origin: looked for in the frame, attached, not visible.)
  await page.frameLocator(PAD_FRAME).locator(PAD_EDITOR_READY).waitFor({ state: 'attached', timeout: 15_000 }).catch(() => undefined);
}
