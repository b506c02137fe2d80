import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, spawnProductionServer, stackWebEnv } from './testing/production-server';

// The production server of the web app (built by the test stack) refuses to start
// half-configured: one line naming the problem and what to do, exit 1, no hang.
async function startWeb(env: Record<string, string>, port?: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawnProductionServer(port ?? (await freePort()), env);
  return new Promise((done) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stderr });
    });
  });
}

describe('web start-up', () => {
  it('names invalid variables in one line', async () => {
    const { code, stderr } = await startWeb({ ...stackWebEnv(), SFU_PUBLIC_URL: 'http://nope', DATABASE_URL: 'mysql://x' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/padmeet web: invalid environment: .*DATABASE_URL.*SFU_PUBLIC_URL|padmeet web: invalid environment: .*SFU_PUBLIC_URL.*DATABASE_URL/);
  });

  it('says the database is down', async () => {
    const { code, stderr } = await startWeb({ ...stackWebEnv(), DATABASE_URL: 'postgresql://padmeet:padmeet@127.0.0.1:1/padmeet' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/padmeet web: database not usable at 127\.0\.0\.1:1 .*-> start PostgreSQL/);
  });

  it('says Etherpad is not reachable', async () => {
    const { code, stderr } = await startWeb({ ...stackWebEnv(), ETHERPAD_URL: 'http://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/padmeet web: Etherpad not usable at http:\/\/127\.0\.0\.1:1 .*-> start it/);
  });

  it('says the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    try {
      const { code, stderr } = await startWeb(stackWebEnv(), (taken.address() as { port: number }).port);
      expect(code).toBe(1);
      expect(stderr).toMatch(/padmeet web: port \d+ is already in use .*-> stop the other process/);
    } finally {
      taken.close();
    }
  });
});
