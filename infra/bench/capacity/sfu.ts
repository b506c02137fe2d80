/**
 * The SFU under test, in this process: the real server (createSfuServer) on real mediasoup
 * workers, with load testing on (plain SRTP transports for load-test tokens) and its own join-token
 * keys. Its workers are child processes, pinned by the caller.
 */
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair } from '@padmeet/join-token';
import { createSfuServer, createWorkerPool } from '@padmeet/sfu-core';
import { createLogger } from '@padmeet/util';

export const BENCH_ORIGIN = 'http://localhost:3000';

export interface BenchSfu {
  url: string;
  /** A load-test token (plain transports), or with `browser` an ordinary one. */
  token(room: string, subject: string, browser?: boolean): Promise<string>;
  workerPids(): number[];
  /** Packets each worker handed to io_uring so far (mediasoup's dump), or null for a worker that runs without it. */
  ioUringPackets(): Promise<Array<number | null>>;
  close(): Promise<void>;
}

export async function startBenchSfu(options: {
  workers: number;
  rtcPort: number;
  peersPerRouter?: number;
  logLevel?: string;
  /** Pages (real browsers) that may connect besides the synthetic participants. */
  extraOrigins?: string[];
}): Promise<BenchSfu> {
  if (!process.env['MEDIASOUP_WORKER_BIN']) throw new Error('set MEDIASOUP_WORKER_BIN to the built mediasoup worker (infra/scripts/build-mediasoup-worker.sh)');
  const keys = await generateJoinTokenKeyPair();
  const signer = await createJoinTokenSigner(keys.privateKeyPem);
  const verifier = await createJoinTokenVerifier(keys.publicKeyPem);
  const logger = createLogger({ name: 'bench-sfu', level: (options.logLevel ?? 'warn') as 'warn' });
  const rtc = { listenIp: '127.0.0.1', basePort: options.rtcPort };
  const workerPool = await createWorkerPool({ size: options.workers, logger, rtc });
  const server = createSfuServer({
    verifier,
    workerPool,
    logger,
    allowedOrigins: [BENCH_ORIGIN, ...(options.extraOrigins ?? [])],
    loadTest: { listenIp: '127.0.0.1' },
    connectionLimits: { perToken: 2, perSubject: 5 },
    ...(options.peersPerRouter ? { peersPerRouter: options.peersPerRouter } : {}),
  });
  const address = await server.listen(0, '127.0.0.1');
  return {
    url: `ws://127.0.0.1:${address.port}`,
    async token(room, subject, browser = false) {
      const grants = { room, name: subject, role: 'participant' as const, canPublish: true, ...(browser ? {} : { loadTest: true }) };
      return (await signer.sign(grants, { subject, ttlSeconds: 3600 })).token;
    },
    workerPids: () => workerPool.workers().map((entry) => entry.worker.pid),
    ioUringPackets: async () => {
      const dumps = await Promise.all(workerPool.workers().map((entry) => entry.worker.dump()));
      return dumps.map((dump) => dump.liburing?.sqeProcessCount ?? null);
    },
    close: () => server.close(),
  };
}
