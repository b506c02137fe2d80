import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { JoinGrants, SignalingServerMessage } from '@padmeet/contract';
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair, type JoinTokenSigner } from '@padmeet/join-token';
import { createLogger } from '@padmeet/util';
import { createSfuServer, type SfuServer } from './server';
import { createWorkerPool } from './worker-pool';

// Runs against the real mediasoup worker: MEDIASOUP_WORKER_BIN must point at it.
const ORIGIN = 'http://localhost:3000';
let server: SfuServer;
let baseUrl: string;
let signer: JoinTokenSigner;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  if (!process.env['MEDIASOUP_WORKER_BIN']) throw new Error('set MEDIASOUP_WORKER_BIN to the built mediasoup worker');
  const keys = await generateJoinTokenKeyPair();
  signer = await createJoinTokenSigner(keys.privateKeyPem);
  const verifier = await createJoinTokenVerifier(keys.publicKeyPem);
  const logger = createLogger({ name: 'sfu-int', level: 'silent' });
  const workerPool = await createWorkerPool({ size: 1, logger });
  server = createSfuServer({
    verifier,
    workerPool,
    logger,
    allowedOrigins: [ORIGIN],
    rtc: { listenIp: '127.0.0.1', minPort: 40100, maxPort: 40199 },
  });
  const address = await server.listen(0, '127.0.0.1');
  baseUrl = `127.0.0.1:${address.port}`;
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.terminate();
});

afterAll(async () => {
  await server?.close();
});

const grants = (overrides: Partial<JoinGrants> = {}): JoinGrants => ({
  room: 'int-room',
  name: 'Ada',
  role: 'participant',
  canPublish: true,
  ...overrides,
});

async function token(overrides: Partial<JoinGrants> = {}, now?: number): Promise<string> {
  return (await signer.sign(grants(overrides), { subject: `user-${Math.random()}`, now })).token;
}

/** A test client: request/response by id, notifications collected in order. */
class Client {
  readonly messages: SignalingServerMessage[] = [];
  #nextId = 1;
  #waiters: Array<() => void> = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as SignalingServerMessage);
      for (const waiter of this.#waiters.splice(0)) waiter();
    });
  }
  async waitFor<T extends SignalingServerMessage>(match: (message: SignalingServerMessage) => boolean, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found as T;
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  sendRaw(raw: string) {
    this.socket.send(raw);
  }
  async request(type: string, body: Record<string, unknown> = {}) {
    const id = this.#nextId++;
    this.socket.send(JSON.stringify({ id, type, ...body }));
    return this.waitFor<Extract<SignalingServerMessage, { type: 'response' }>>((m) => m.type === 'response' && m.id === id);
  }
  async ok<T = Record<string, unknown>>(type: string, body: Record<string, unknown> = {}): Promise<T> {
    const response = await this.request(type, body);
    if (!response.ok) throw new Error(`${type} failed: ${JSON.stringify(response.error)}`);
    return response.data as T;
  }
}

function open(path: string, headers: Record<string, string> = {}): Promise<{ client?: Client; status?: number; body?: string }> {
  return new Promise((resolve, reject) => {
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
}

async function connect(overrides: Partial<JoinGrants> = {}): Promise<Client> {
  const { client, status, body } = await open(`/ws?token=${await token(overrides)}`, { Origin: ORIGIN });
  if (!client) throw new Error(`upgrade refused: ${status} ${body}`);
  return client;
}

async function joined(overrides: Partial<JoinGrants> = {}) {
  const client = await connect(overrides);
  const { rtpCapabilities } = await client.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
  const data = await client.ok<{ peerId: string; peers: Array<{ peerId: string; displayName: string }> }>('join', { rtpCapabilities });
  return { client, rtpCapabilities, ...data };
}

describe('SFU against the real mediasoup worker', () => {
  it('reports health over HTTP', async () => {
    const response = await fetch(`http://${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', workers: 1 });
  });

  it('refuses bad, expired and missing tokens, foreign origins and other paths on the upgrade', async () => {
    expect(await open('/ws', { Origin: ORIGIN })).toMatchObject({ status: 401 });
    const bad = await open('/ws?token=not-a-jwt', { Origin: ORIGIN });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatch(/not valid/);
    const expired = await open(`/ws?token=${await token({}, Date.now() - 3600_000)}`, { Origin: ORIGIN });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatch(/expired/);
    expect(await open(`/ws?token=${await token()}`, { Origin: 'https://evil.example' })).toMatchObject({ status: 403 });
    expect(await open(`/other?token=${await token()}`, { Origin: ORIGIN })).toMatchObject({ status: 404 });
  });

  it('joins, creates a WebRTC transport with ICE candidates on the configured IP and DTLS parameters', async () => {
    const { client, rtpCapabilities, peers } = await joined();
    expect(peers).toEqual([]);
    const codecs = (rtpCapabilities.codecs as Array<{ mimeType: string }>).map((codec) => codec.mimeType);
    expect(codecs).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
    const transport = await client.ok<{
      transportId: string;
      iceCandidates: Array<{ address: string; protocol: string; port: number }>;
      dtlsParameters: { fingerprints: unknown[]; role: string };
      iceParameters: { usernameFragment: string };
    }>('createTransport', { direction: 'send' });
    expect(transport.iceCandidates.map((candidate) => candidate.protocol).sort()).toEqual(['tcp', 'udp']);
    for (const candidate of transport.iceCandidates) {
      expect(candidate.address).toBe('127.0.0.1');
      expect(candidate.port).toBeGreaterThanOrEqual(40100);
      expect(candidate.port).toBeLessThanOrEqual(40199);
    }
    expect(transport.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    expect(transport.iceParameters.usernameFragment).toBeTruthy();
    const metrics = (await (await fetch(`http://${baseUrl}/metrics`)).json()) as { rooms: Array<{ room: string; transports: unknown[] }> };
    expect(metrics.rooms.find((room) => room.room === 'int-room')?.transports).toHaveLength(1);
  });

  it('answers malformed frames and wrong-state requests with clear errors and keeps the peer', async () => {
    const client = await connect();
    client.sendRaw('{not json');
    expect(await client.waitFor((m) => m.type === 'error')).toMatchObject({ error: { code: 'BAD_INPUT', message: expect.stringMatching(/JSON/) } });
    expect(await client.request('teleport')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/Unknown message type "teleport"/) } });
    expect(await client.request('createTransport', { direction: 'up' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/direction/) } });
    expect(await client.request('consume', { transportId: 't', producerId: 'p' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Send "join" before "consume".' },
    });
    expect(await client.request('join', { rtpCapabilities: { nope: true } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    // Still connected and usable after all that.
    const { rtpCapabilities } = await client.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
    await client.ok('join', { rtpCapabilities });
    expect(await client.request('join', { rtpCapabilities })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bogus = await client.request('connectTransport', { transportId: 'nope', dtlsParameters: {} });
    expect(bogus).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const send = await client.ok<{ transportId: string }>('createTransport', { direction: 'send' });
    const badDtls = await client.request('connectTransport', { transportId: send.transportId, dtlsParameters: { role: 'client' } });
    expect(badDtls).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/dtlsParameters/) } });
    const badRtp = await client.request('produce', { transportId: send.transportId, kind: 'audio', rtpParameters: { codecs: 'x' } });
    expect(badRtp).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/rtpParameters/) } });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('keeps transports private to their peer and refuses produce without canPublish', async () => {
    const alice = await joined({ room: 'private-room' });
    const bob = await joined({ room: 'private-room', name: 'Bob', canPublish: false });
    const aliceSend = await alice.client.ok<{ transportId: string }>('createTransport', { direction: 'send' });
    expect(await bob.client.request('connectTransport', { transportId: aliceSend.transportId, dtlsParameters: {} })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/not one of this connection's transports/) },
    });
    const bobSend = await bob.client.ok<{ transportId: string }>('createTransport', { direction: 'send' });
    expect(await bob.client.request('produce', { transportId: bobSend.transportId, kind: 'audio', rtpParameters: {} })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await bob.client.request('consume', { transportId: bobSend.transportId, producerId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/send transport/) },
    });
  });

  it('tells peers about each other and closes the room when the last one leaves', async () => {
    const alice = await joined({ room: 'pair-room', name: 'Alice' });
    const bob = await joined({ room: 'pair-room', name: 'Bob' });
    expect(bob.peers).toEqual([expect.objectContaining({ peerId: alice.peerId, displayName: 'Alice', producers: [] })]);
    expect(await alice.client.waitFor((m) => m.type === 'peerJoined')).toMatchObject({ peerId: bob.peerId, displayName: 'Bob' });
    expect(server.registry.get('pair-room')?.joinedPeers()).toHaveLength(2);

    bob.client.socket.close();
    expect(await alice.client.waitFor((m) => m.type === 'peerLeft')).toEqual({ type: 'peerLeft', peerId: bob.peerId });
    const room = server.registry.get('pair-room');
    expect(room?.joinedPeers()).toHaveLength(1);

    await alice.client.ok('leave');
    expect(room?.closed).toBe(true);
    expect(room?.router.closed).toBe(true);
    expect(server.registry.get('pair-room')).toBeUndefined();

    // The room comes back on the next join.
    const carol = await joined({ room: 'pair-room', name: 'Carol' });
    expect(carol.peers).toEqual([]);
    expect(server.registry.get('pair-room')?.closed).toBe(false);
  });

  it('creates one room for concurrent first joins', async () => {
    const clients = await Promise.all([connect({ room: 'race-room' }), connect({ room: 'race-room' }), connect({ room: 'race-room' })]);
    await Promise.all(clients.map((client) => client.ok('getRouterRtpCapabilities')));
    expect(server.registry.get('race-room')?.peers.size).toBe(3);
  });
});
