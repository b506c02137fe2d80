import WebSocket from 'ws';
import type { JoinGrants, SignalingServerMessage } from '@padmeet/contract';
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair, type JoinTokenSigner } from '@padmeet/join-token';
import { createLogger } from '@padmeet/util';
import type { AttendanceReporter } from '../attendance-reporter';
import type { ConnectionLimitOptions } from '../connection-limits';
import type { LoadTestOptions } from '../load-test';
import { createSfuServer, type SfuServer } from '../server';
import { createWorkerPool, type WorkerPool } from '../worker-pool';

/** Integration tests: an SFU on the real mediasoup worker (MEDIASOUP_WORKER_BIN), clients over real WebSockets. */
export const ORIGIN = 'http://localhost:3000';

export interface TestSfu {
  server: SfuServer;
  workerPool: WorkerPool;
  signer: JoinTokenSigner;
  baseUrl: string;
  rtcPort: number;
  token(overrides?: Partial<JoinGrants>, options?: { subject?: string; now?: number; ttlSeconds?: number }): Promise<string>;
  open(path: string, headers?: Record<string, string>): Promise<{ client?: Client; status?: number; body?: string }>;
  connect(overrides?: Partial<JoinGrants>, options?: { subject?: string; ttlSeconds?: number }): Promise<Client>;
  connectWith(token: string): Promise<Client>;
  joined(overrides?: Partial<JoinGrants>, transports?: Array<'send' | 'recv'>): Promise<JoinedClient>;
  closeClients(): void;
  close(): Promise<void>;
}

export interface TransportData {
  transportId: string;
  direction?: 'send' | 'recv';
  iceCandidates: Array<{ address: string; protocol: string; port: number; tcpType?: string }>;
  dtlsParameters: { fingerprints: unknown[]; role: string };
  iceParameters: { usernameFragment: string };
}

export interface JoinData {
  peerId: string;
  peers: Array<{ peerId: string; displayName: string; producers: Array<{ producerId: string; source: string; paused: boolean }> }>;
  activeSpeakerPeerId: string | null;
  transports: TransportData[];
}

export type JoinedClient = JoinData & { client: Client; rtpCapabilities: { codecs: unknown[] } };

type Response = Extract<SignalingServerMessage, { type: 'response' }>;

/** A test client: request/response by id, notifications collected in order, the close code kept. */
export class Client {
  readonly messages: SignalingServerMessage[] = [];
  closeCode: number | undefined;
  #nextId = 1;
  #waiters: Array<() => void> = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as SignalingServerMessage);
      this.#wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.#wake();
    });
  }
  #wake() {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }
  /** Waits until `check` holds, re-checking on every message and close (and every 100 ms). */
  async until<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = check();
      if (result) return result;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages).slice(-2000)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  waitFor<T extends SignalingServerMessage>(match: (message: SignalingServerMessage) => boolean, timeoutMs = 5000): Promise<T> {
    return this.until(() => this.messages.find(match) as T | undefined, 'a matching message', timeoutMs);
  }
  waitForClose(timeoutMs = 5000): Promise<number> {
    return this.until(() => this.closeCode, 'the socket to close', timeoutMs);
  }
  notifications<T extends SignalingServerMessage['type']>(type: T): Array<Extract<SignalingServerMessage, { type: T }>> {
    return this.messages.filter((message) => message.type === type) as Array<Extract<SignalingServerMessage, { type: T }>>;
  }
  sendRaw(raw: string) {
    this.socket.send(raw);
  }
  async request(type: string, body: Record<string, unknown> = {}): Promise<Response> {
    const id = this.#nextId++;
    this.socket.send(JSON.stringify({ id, type, ...body }));
    return this.waitFor<Response>((m) => m.type === 'response' && m.id === id, 15_000);
  }
  async ok<T = Record<string, unknown>>(type: string, body: Record<string, unknown> = {}): Promise<T> {
    const response = await this.request(type, body);
    if (!response.ok) throw new Error(`${type} failed: ${JSON.stringify(response.error)}`);
    return response.data as T;
  }
}

/** Waits for a condition that no message announces (server state), polling every 20 ms. */
export async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startTestSfu(options: {
  workers?: number;
  rtcPort: number;
  connectionLimits?: ConnectionLimitOptions;
  restartDelayMs?: number;
  /** Plain SRTP transports for load-test tokens (issue 13). */
  loadTest?: LoadTestOptions;
  /** Rooms spread over workers past this many peers per router. */
  peersPerRouter?: number;
  /** Joins and leaves told to the web app (attendance, issue 12). */
  attendance?: AttendanceReporter;
}): Promise<TestSfu> {
  if (!process.env['MEDIASOUP_WORKER_BIN']) throw new Error('set MEDIASOUP_WORKER_BIN to the built mediasoup worker');
  const keys = await generateJoinTokenKeyPair();
  const signer = await createJoinTokenSigner(keys.privateKeyPem);
  const verifier = await createJoinTokenVerifier(keys.publicKeyPem);
  const logger = createLogger({ name: 'sfu-int', level: 'silent' });
  const rtc = { listenIp: '127.0.0.1', basePort: options.rtcPort };
  const workerPool = await createWorkerPool({ size: options.workers ?? 1, logger, rtc, restartDelayMs: options.restartDelayMs });
  const server = createSfuServer({
    verifier,
    workerPool,
    logger,
    allowedOrigins: [ORIGIN],
    connectionLimits: options.connectionLimits,
    ...(options.loadTest ? { loadTest: options.loadTest } : {}),
    ...(options.peersPerRouter ? { peersPerRouter: options.peersPerRouter } : {}),
    ...(options.attendance ? { attendance: options.attendance } : {}),
  });
  const address = await server.listen(0, '127.0.0.1');
  const baseUrl = `127.0.0.1:${address.port}`;
  const sockets: WebSocket[] = [];

  const grants = (overrides: Partial<JoinGrants> = {}): JoinGrants => ({
    room: 'int-room',
    name: 'Ada',
    role: 'participant',
    canPublish: true,
    ...overrides,
  });
  const token: TestSfu['token'] = async (overrides = {}, tokenOptions = {}) =>
    (
      await signer.sign(grants(overrides), {
        subject: tokenOptions.subject ?? `user-${Math.random()}`,
        now: tokenOptions.now,
        ttlSeconds: tokenOptions.ttlSeconds,
      })
    ).token;
  const open: TestSfu['open'] = (path, headers = {}) =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://${baseUrl}${path}`, { headers });
      sockets.push(socket);
      socket.once('open', () => resolve({ client: new Client(socket) }));
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode, body }));
      });
      socket.once('error', (error) => reject(error));
    });
  const connectWith: TestSfu['connectWith'] = async (jwt) => {
    const { client, status, body } = await open(`/ws?token=${jwt}`, { Origin: ORIGIN });
    if (!client) throw new Error(`upgrade refused: ${status} ${body}`);
    return client;
  };
  const connect: TestSfu['connect'] = async (overrides = {}, tokenOptions = {}) => connectWith(await token(overrides, tokenOptions));
  const joined: TestSfu['joined'] = async (overrides = {}, transports = []) => {
    const client = await connect(overrides);
    const { rtpCapabilities } = await client.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    const data = await client.ok<JoinData>('join', { rtpCapabilities, transports });
    return { client, rtpCapabilities, ...data };
  };

  return {
    server,
    workerPool,
    signer,
    baseUrl,
    rtcPort: options.rtcPort,
    token,
    open,
    connect,
    connectWith,
    joined,
    closeClients() {
      for (const socket of sockets.splice(0)) socket.terminate();
    },
    async close() {
      for (const socket of sockets.splice(0)) socket.terminate();
      await server.close();
    },
  };
}
