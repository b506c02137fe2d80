import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateJoinTokenKeyPair } from '@padmeet/join-token';

// Start-up failures: the real entry point, real (or deliberately absent) PostgreSQL.
function runAuth(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/auth/src/main.ts'], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('auth start-up', () => {
  it('names a missing variable in one line and exits 1', async () => {
    const { code, stderr } = await runAuth({ AUTH_PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/AUTH_PORT/);
    expect(stderr).toMatch(/DATABASE_URL/);
    expect(stderr).toMatch(/JOIN_TOKEN_PRIVATE_KEY/);
  });

  it('says the database is down rather than hanging', async () => {
    const { code, stderr } = await runAuth({
      DATABASE_URL: 'postgresql://padmeet:padmeet@127.0.0.1:1/padmeet',
      AUTH_SERVICE_SECRET: 'x'.repeat(40),
      JOIN_TOKEN_PRIVATE_KEY: (await generateJoinTokenKeyPair()).privateKeyPem,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/database not usable at 127\.0\.0\.1:1/);
    expect(stderr).toMatch(/postgres/i);
  });
});
