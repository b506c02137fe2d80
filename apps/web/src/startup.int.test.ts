import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The production server of the web app (built by the test stack) refuses to start
// half-configured: one line naming the problem and what to do, exit 1, no hang.
const webRoot = resolve(import.meta.dirname, '..');
const distDir = process.env['PADMEET_NEXT_DIST_DIR'];

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function startWeb(env: Record<string, string>, port?: number): Promise<{ code: number | null; stderr: string }> {
  if (!distDir) throw new Error('PADMEET_NEXT_DIST_DIR is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
  port ??= await freePort();
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(webRoot, 'src/main.ts'), '--host', '127.0.0.1', '--port', String(port)], {
      cwd: webRoot,
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PADMEET_NEXT_DIST_DIR: distDir, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
}

const validEnv = () => ({
  DATABASE_URL: process.env['DATABASE_URL'] ?? '',
  ETHERPAD_URL: process.env['ETHERPAD_URL'] ?? '',
  ETHERPAD_API_KEY: process.env['ETHERPAD_API_KEY'] ?? '',
  AUTH_URL: process.env['AUTH_URL'] ?? '',
  AUTH_SERVICE_SECRET: process.env['AUTH_SERVICE_SECRET'] ?? '',
  SFU_PUBLIC_URL: 'ws://127.0.0.1:1/ws',
  NEXTAUTH_URL: 'http://localhost:3000',
  NEXTAUTH_SECRET: 'x'.repeat(40),
});

describe('web start-up', () => {
  it('names invalid variables in one line', async () => {
    const { code, stderr } = await startWeb({ ...validEnv(), SFU_PUBLIC_URL: 'http://nope', DATABASE_URL: 'mysql://x' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/padmeet web: invalid environment: .*DATABASE_URL.*SFU_PUBLIC_URL|padmeet web: invalid environment: .*SFU_PUBLIC_URL.*DATABASE_URL/);
  });

  it('says the database is down', async () => {
    const { code, stderr } = await startWeb({ ...validEnv(), DATABASE_URL: 'postgresql://padmeet:padmeet@127.0.0.1:1/padmeet' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/padmeet web: database not usable at 127\.0\.0\.1:1 .*-> start PostgreSQL/);
  });

  it('says Etherpad is not reachable', async () => {
    const { code, stderr } = await startWeb({ ...validEnv(), ETHERPAD_URL: 'http://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/padmeet web: Etherpad not usable at http:\/\/127\.0\.0\.1:1 .*-> start it/);
  });

  it('says the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    try {
      const { code, stderr } = await startWeb(validEnv(), (taken.address() as { port: number }).port);
      expect(code).toBe(1);
      expect(stderr).toMatch(/padmeet web: port \d+ is already in use .*-> stop the other process/);
    } finally {
      taken.close();
    }
  });
});
