import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * For integration tests: the web app's production server (src/main.ts) on the
 * build the test stack made (PADMEET_NEXT_DIST_DIR), with the stack's services.
 */
const webRoot = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A complete, valid environment pointing at the test stack's services. */
export const stackWebEnv = (): Record<string, string> => ({
  DATABASE_URL: process.env['DATABASE_URL'] ?? '',
  ETHERPAD_URL: process.env['ETHERPAD_URL'] ?? '',
  ETHERPAD_API_KEY: process.env['ETHERPAD_API_KEY'] ?? '',
  AUTH_URL: process.env['AUTH_URL'] ?? '',
  AUTH_SERVICE_SECRET: process.env['AUTH_SERVICE_SECRET'] ?? '',
  SFU_PUBLIC_URL: 'ws://127.0.0.1:1/ws',
  NEXTAUTH_URL: 'http://localhost:3000',
  NEXTAUTH_SECRET: 'x'.repeat(40),
});

/** Starts src/main.ts with exactly `env` (plus PATH and the production basics); stderr is piped. */
export function spawnProductionServer(port: number, env: Record<string, string>): ChildProcess {
  const distDir = process.env['PADMEET_NEXT_DIST_DIR'];
  if (!distDir) throw new Error('PADMEET_NEXT_DIST_DIR is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
  return spawn(process.execPath, ['--import', 'tsx', resolve(webRoot, 'src/main.ts'), '--host', '127.0.0.1', '--port', String(port)], {
    cwd: webRoot,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', PADMEET_NEXT_DIST_DIR: distDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Waits until `ready()` holds (asked every 250 ms), at most 60 s; fails at once if `server` exits first. */
export async function waitUntilServing(server: ChildProcess, ready: () => Promise<boolean>, what = 'the web app'): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await ready().catch(() => false))) {
    if (server.exitCode !== null) throw new Error(`the web app exited (${server.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${what} did not answer in 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
