import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { JoinTokenVerifier } from '@padmeet/join-token';
import { AppError } from '@padmeet/util';
import { createSfuServer, type SfuServer } from './server';
import type { WorkerPool } from './worker-pool';

const ORIGIN = 'http://localhost:3000';
const TOKEN = 'eyJ.S3CR3T-join-token.sig';

/** The JSON lines the server logs, captured. */
function capturedLogger() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: pino({ level: 'debug' }, stream),
    text: () => chunks.join(''),
    lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** No media is touched before a token is accepted: a pool with no workers serves. */
const noWorkers: WorkerPool = {
  next: () => {
    throw new AppError('UNAVAILABLE');
  },
  acquire: async () => {
    throw new AppError('UNAVAILABLE');
  },
  aliveCount: () => 0,
  workers: () => [],
  close: async () => undefined,
};

let server: SfuServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function refusedUpgrade(verify: JoinTokenVerifier['verify']) {
  const log = capturedLogger();
  server = createSfuServer({ verifier: { verify }, workerPool: noWorkers, allowedOrigins: [ORIGIN], logger: log.logger });
  const { port } = (await server.listen(0, '127.0.0.1')) as AddressInfo;
  const status = await new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`, { headers: { origin: ORIGIN } });
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
    });
    socket.on('open', () => reject(new Error('the upgrade was accepted')));
    socket.on('error', () => undefined);
  });
  return { status, log };
}

describe('SFU upgrade refusals are logged with their context', () => {
  it('logs a refused join token at info with path, origin and address, never the token', async () => {
    const { status, log } = await refusedUpgrade(async () => {
      throw new AppError('UNAUTHENTICATED', { userMessage: 'The join token has expired; reload the room page.' });
    });
    expect(status).toBe(401);
    const line = log.lines().find((entry) => entry['msg'] === 'join token refused');
    expect(line).toMatchObject({ level: 30, path: '/ws', origin: ORIGIN, remoteAddress: '127.0.0.1', code: 'UNAUTHENTICATED' });
    expect(log.text()).not.toContain('S3CR3T');
  });

  it('logs a verification that fails unexpectedly as an error with its cause', async () => {
    const { status, log } = await refusedUpgrade(async () => {
      throw new Error('key store unreadable');
    });
    expect(status).toBe(500);
    const line = log.lines().find((entry) => entry['msg'] === 'join token verification failed');
    expect(line).toMatchObject({ level: 50, path: '/ws', origin: ORIGIN, remoteAddress: '127.0.0.1', err: { message: 'key store unreadable' } });
    expect(log.text()).not.toContain('S3CR3T');
  });
});
