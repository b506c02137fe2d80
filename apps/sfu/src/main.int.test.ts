import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateJoinTokenKeyPair } from '@padmeet/join-token';

// The real entry point with the real mediasoup worker (MEDIASOUP_WORKER_BIN).
const started: ChildProcess[] = [];
afterEach(() => {
  // A failed assertion must not leave an SFU holding its ports for the next run.
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startSfu(env: Record<string, string>): ChildProcess & { stderrText: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/sfu/src/main.ts'], {
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return Object.assign(child, { stderrText: () => stderr });
}

function exitOf(child: ChildProcess, timeoutMs = 20_000): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const workerBin = process.env['MEDIASOUP_WORKER_BIN'] ?? '';

describe('sfu start-up', () => {
  it('names bad variables in one line and exits 1', async () => {
    const child = startSfu({ SFU_PORT: 'abc', MEDIASOUP_WORKER_BIN: '/nope/mediasoup-worker' });
    expect(await exitOf(child)).toBe(1);
    const lines = child.stderrText().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SFU_PORT/);
    expect(lines[0]).toMatch(/JOIN_TOKEN_PUBLIC_KEY/);
    expect(lines[0]).toMatch(/MEDIASOUP_WORKER_BIN: must be the path of the executable mediasoup-worker/);
  });

  it('serves /healthz, refuses a busy port clearly and shuts down on SIGTERM with exit 0', { timeout: 120_000 }, async () => {
    if (!workerBin) throw new Error('set MEDIASOUP_WORKER_BIN to the built mediasoup worker');
    const port = await freePort();
    const env = {
      SFU_PORT: String(port),
      SFU_WORKERS: '1',
      SFU_RTC_PORT: '31200',
      JOIN_TOKEN_PUBLIC_KEY: (await generateJoinTokenKeyPair()).publicKeyPem.replace(/\n/g, '\\n'),
      MEDIASOUP_WORKER_BIN: workerBin,
    };
    const sfu = startSfu(env);
    const exited = exitOf(sfu, 110_000);
    // Up once it answers (tsx compiles the app first: slow on a busy 2-core machine); a start that fails ends the wait.
    let health: Response | undefined;
    while (!health && sfu.exitCode === null && sfu.signalCode === null) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (!health) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(health?.status, sfu.stderrText()).toBe(200);
    expect(await health?.json()).toEqual({ status: 'ok', workers: 1, rooms: 0, peers: 0 });

    const second = startSfu({ ...env, SFU_RTC_PORT: '31210' });
    expect(await exitOf(second)).toBe(1);
    expect(second.stderrText().trim()).toBe(`padmeet sfu: port ${port} is already in use -> stop the other process or set SFU_PORT`);

    // The media port (UDP and TCP of the worker's WebRtcServer) taken too: one clear line.
    const third = startSfu({ ...env, SFU_PORT: String(await freePort()) });
    expect(await exitOf(third)).toBe(1);
    expect(third.stderrText().trim()).toMatch(/^padmeet sfu: the WebRtcServer could not listen on 127\.0\.0\.1:31200 \(UDP and TCP\).* -> free UDP and TCP port\(s\) 31200 on 127\.0\.0\.1, or set SFU_RTC_PORT/);

    sfu.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
