import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { padProcessIndex } from '@padmeet/pad';
import { createLogger } from '@padmeet/util';
import { isPadSocketMessage, PAD_SOCKET_MESSAGE, passPadSocket, upstreamUpgradeHead, type PadSocketMessage } from './handoff';
import { createPadProxy, type PadProxy } from './proxy';

// The web server's side of handing pad WebSockets over: the proxy in front of a real HTTP server,
// and two child processes on real IPC channels standing in for Etherpad processes (they take a
// handed socket as patch 12 makes Etherpad do: testing/handed-socket-server.mjs). That Etherpad
// itself takes them is covered by pad-proxy.int.test.ts on the test stack.

interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  remotePort: number;
}

const children: ChildProcess[] = [];
const seen: Array<Seen & { child: number }> = [];
let front: Server;
let proxy: PadProxy;
let base: string;
let handOffs = 0;
/** The Etherpad processes are gone: the process in between has nowhere to pass a socket. */
let stopped = false;
const padA = 'g.aaaaaaaaaaaaaaaa$room-a';
const padB = 'g.aaaaaaaaaaaaaaaa$room-b';

function startChild(index: number): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, 'testing/handed-socket-server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  child.on('message', (message: { seen?: Seen }) => {
    if (message.seen) seen.push({ ...message.seen, child: index });
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (message: { ready?: boolean }) => message.ready && resolve(child));
  });
}

beforeAll(async () => {
  await Promise.all([startChild(0), startChild(1)]);
  proxy = createPadProxy({
    // Never dialled: every WebSocket is handed over.
    upstreams: ['http://127.0.0.1:9', 'http://127.0.0.1:9'],
    checkAccess: () => Promise.resolve(true),
    logger: createLogger({ name: 'handoff-spec', level: 'silent' }),
    handOff: (padProcess, head, socket) => {
      handOffs += 1;
      const message: PadSocketMessage = { type: PAD_SOCKET_MESSAGE, process: padProcess, head: head.toString('latin1') };
      // As the supervisor passes it on (here the web server's own children stand for the Etherpad processes).
      return passPadSocket(message, socket, stopped ? undefined : children[padProcess]);
    },
  });
  front = createServer((_req, res) => res.writeHead(404).end());
  front.on('upgrade', (req, socket, head) => {
    req.headers['x-forwarded-for'] = '203.0.113.7';
    if (!proxy.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  base = `ws://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(() => {
  front?.close();
  for (const child of children) child.kill();
});

async function open(padId: string): Promise<{ socket: WebSocket; localPort: number }> {
  const socket = new WebSocket(`${base}/pad/socket.io/?padId=${encodeURIComponent(padId)}&EIO=3&transport=websocket`, {
    headers: { cookie: 'next-auth.session-token=SECRET; sessionID=s.bbbbbbbbbbbbbbbb; express_sid=s%3Aabc', authorization: 'Basic SECRET' },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, localPort: (socket as unknown as { _socket: Socket })._socket.localPort! };
}

describe('pad WebSockets handed to their Etherpad process', () => {
  it("hands the browser's own socket to the pad's process, with Etherpad's path and without padmeet's cookies or credentials", async () => {
    for (const padId of [padA, padB]) {
      seen.length = 0;
      const { socket, localPort } = await open(padId);
      const echo = new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString())));
      socket.send('hello');
      expect(await echo).toBe('echo hello');
      // The child's report comes over its IPC channel, which the echo on the socket can overtake.
      await expect.poll(() => seen.length).toBe(1);
      const [request] = seen;
      expect(request?.child).toBe(padProcessIndex(padId, 2));
      expect(request?.url).toBe(`/socket.io/?padId=${encodeURIComponent(padId)}&EIO=3&transport=websocket`);
      expect(request?.headers.cookie).toBe('sessionID=s.bbbbbbbbbbbbbbbb; express_sid=s%3Aabc');
      expect(request?.headers.authorization).toBeUndefined();
      expect(request?.headers['x-forwarded-for']).toBe('203.0.113.7');
      expect(request?.headers.upgrade).toBe('websocket');
      // The same TCP connection: the child's peer is the browser's own port, not a relay's.
      expect(request?.remotePort).toBe(localPort);
      socket.close();
    }
    expect(handOffs).toBe(2);
    expect(proxy.stats()).toMatchObject({ webSockets: 0, handedWebSockets: 2 });
  });

  it('answers 503 when the process in between has no Etherpad process to pass the socket to', async () => {
    stopped = true;
    try {
      const socket = new WebSocket(`${base}/pad/socket.io/?padId=${encodeURIComponent(padA)}&EIO=3&transport=websocket`);
      const status = await new Promise<number>((resolve, reject) => {
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.once('open', () => reject(new Error('opened')));
      });
      expect(status).toBe(503);
    } finally {
      stopped = false;
    }
  });

  it('relays the socket itself when it cannot hand it over', async () => {
    const relaying = createPadProxy({
      upstreams: ['http://127.0.0.1:9'],
      checkAccess: () => Promise.resolve(true),
      logger: createLogger({ name: 'handoff-spec', level: 'silent' }),
      handOff: () => false,
    });
    const server = createServer();
    server.on('upgrade', (req, socket, head) => relaying.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // Port 9 (discard) refuses: the relay's attempt fails and the browser's socket is closed.
      const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/pad/socket.io/?padId=${encodeURIComponent(padA)}&EIO=3&transport=websocket`);
      const outcome = await new Promise<string>((resolve) => {
        socket.once('open', () => resolve('open'));
        socket.once('error', () => resolve('error'));
      });
      expect(outcome).toBe('error');
      expect(relaying.stats().handedWebSockets).toBe(0);
    } finally {
      server.close();
      relaying.close();
    }
  });
});

describe('upstreamUpgradeHead', () => {
  it("writes the request line with Etherpad's path, every header (repeated ones each on a line), then the bytes that followed", () => {
    const req = { headers: { host: 'padmeet.example', upgrade: 'websocket', 'content-length': '5', 'x-custom': ['a', 'b'] } } as never;
    const head = upstreamUpgradeHead(req, '/socket.io/?EIO=3', Buffer.from([0x81, 0xff]));
    const text = head.toString('latin1');
    expect(text.startsWith('GET /socket.io/?EIO=3 HTTP/1.1\r\nhost: padmeet.example\r\nupgrade: websocket\r\nx-custom: a\r\nx-custom: b\r\n\r\n')).toBe(true);
    expect(text).not.toContain('content-length');
    expect([...head.subarray(-2)]).toEqual([0x81, 0xff]);
  });

  it('keeps header bytes as they came (latin1 both ways)', () => {
    const req = { headers: { 'x-name': 'Gr\u00e2ce' } } as never;
    expect(upstreamUpgradeHead(req, '/', Buffer.alloc(0)).includes(Buffer.from([0x47, 0x72, 0xe2]))).toBe(true);
  });
});

describe('isPadSocketMessage', () => {
  it('accepts only a pad socket message with a process index and a head', () => {
    expect(isPadSocketMessage({ type: PAD_SOCKET_MESSAGE, process: 1, head: 'GET / HTTP/1.1\r\n\r\n' })).toBe(true);
    for (const other of [null, 'x', {}, { type: PAD_SOCKET_MESSAGE, process: -1, head: '' }, { type: PAD_SOCKET_MESSAGE, process: 1.5, head: '' }, { type: 'other', process: 0, head: '' }, { type: PAD_SOCKET_MESSAGE, process: 0 }]) {
      expect(isPadSocketMessage(other)).toBe(false);
    }
  });
});
