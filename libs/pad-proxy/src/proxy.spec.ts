import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { padProcessIndex } from '@padmeet/pad';
import { createLogger } from '@padmeet/util';
import { createPadProxy, type PadProxy } from './proxy';

// The proxy between real HTTP servers: two stand-ins for Etherpad processes that record what
// reaches them (what Etherpad itself does is covered by pad-proxy.int.test.ts).

interface Seen {
  upstream: number;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
}

const seen: Seen[] = [];
const upstreams: Server[] = [];
let front: Server;
let proxy: PadProxy;
let base: string;
const grants = new Set<string>();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function upstream(index: number): Server {
  const server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      seen.push({ upstream: index, method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes });
      if (req.url?.startsWith('/static/missing')) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no such file');
        return;
      }
      if (req.url?.startsWith('/p/padmeet-warm-up')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<link href="../static/css/pad.css?v=abc123" rel="stylesheet"><script src="../javascripts/lib/ep_etherpad-lite/static/js/pad.js?callback=require.define&v=abc123"></script><a href="../admin">x</a>');
        return;
      }
      if (req.url?.startsWith('/static/redirect')) {
        res.writeHead(302, { location: '/p/elsewhere' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'express_sid=abc; Path=/; HttpOnly', 'x-powered-by': 'Express', 'last-modified': 'Mon, 30 Nov 2026 12:00:00 GMT' });
      res.end(`upstream ${index} ${req.headers['accept-encoding'] ?? ''}`.trim());
    });
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    seen.push({ upstream: index, method: 'WS', url: req.url ?? '', headers: req.headers, bodyBytes: 0 });
    socket.send(`ws upstream ${index}`);
  });
  return server;
}

const padA = 'g.AbCdEfGh12345678$room-a';
/** A pad served by the other process than padA. */
const padB = ['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((x) => `g.AbCdEfGh12345678$room-${x}`).find((id) => padProcessIndex(id, 2) !== padProcessIndex(padA, 2))!;

function get(path: string, headers: Record<string, string> = {}, method = 'GET', body?: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  const ports = [];
  for (const index of [0, 1]) {
    const server = upstream(index);
    upstreams.push(server);
    ports.push(await listen(server));
  }
  proxy = createPadProxy({
    upstreams: ports.map((port) => `http://127.0.0.1:${port}`),
    checkAccess: async ({ padId, sessionIds }) => sessionIds.some((id) => grants.has(`${id}:${padId}`)),
    logger: createLogger({ name: 'test', level: 'silent' }),
    maxBodyBytes: 1000,
  });
  front = createServer((req, res) => {
    if (!proxy.handleRequest(req, res)) {
      res.writeHead(200);
      res.end('next');
    }
  });
  front.on('upgrade', (req, socket, head) => {
    if (!proxy.handleUpgrade(req, socket, head)) socket.destroy();
  });
  base = `http://127.0.0.1:${await listen(front)}`;
  grants.add(`s.aaaaaaaaaaaaaaaa:${padA}`);
});

afterAll(async () => {
  proxy.close();
  front.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
  for (const server of upstreams) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('pad proxy', () => {
  it('leaves everything outside /pad to the app', async () => {
    expect((await get('/r/room-a')).body).toBe('next');
    expect((await get('/padding')).body).toBe('next');
  });

  it("strips padmeet's cookies and credentials, keeps Etherpad's, and passes the client's address", async () => {
    seen.length = 0;
    const response = await get(`/pad/p/${padA}?showChat=false`, {
      cookie: 'next-auth.session-token=SECRET; sessionID=s.aaaaaaaaaaaaaaaa; __Secure-next-auth.callback-url=x; token=t.abc',
      authorization: 'Bearer SECRET',
      'x-forwarded-for': '203.0.113.7',
    });
    expect(response.status).toBe(200);
    const [request] = seen;
    expect(request?.url).toBe(`/p/${encodeURIComponent(padA)}?showChat=false`);
    expect(request?.headers.cookie).toBe('sessionID=s.aaaaaaaaaaaaaaaa; token=t.abc');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['x-forwarded-for']).toBe('203.0.113.7');
    expect(JSON.stringify(request?.headers)).not.toContain('SECRET');
    // Etherpad's cookies live under /pad on padmeet's origin; its server banner goes.
    expect(response.headers['set-cookie']).toEqual(['express_sid=abc; Path=/pad; HttpOnly']);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('sends each pad to the process that serves it, pages and sockets alike', async () => {
    seen.length = 0;
    grants.add(`s.bbbbbbbbbbbbbbbb:${padB}`);
    await get(`/pad/p/${padB}`, { cookie: 'sessionID=s.bbbbbbbbbbbbbbbb' });
    await get(`/pad/socket.io/?padId=${encodeURIComponent(padA)}&EIO=3&transport=polling`);
    await get(`/pad/socket.io/?padId=${encodeURIComponent(padB)}&EIO=3&transport=polling`, {}, 'POST', Buffer.from('1:2'));
    expect(seen.map((s) => s.upstream)).toEqual([padProcessIndex(padB, 2), padProcessIndex(padA, 2), padProcessIndex(padB, 2)]);
  });

  it('refuses a pad page without a session that grants it, with padmeet\'s page, before Etherpad sees anything', async () => {
    seen.length = 0;
    const response = await get(`/pad/p/${padA}/export/txt`, { cookie: 'sessionID=s.bbbbbbbbbbbbbbbb' });
    expect(response.status).toBe(403);
    expect(response.body).toContain('href="/r/room-a/notes"');
    expect(seen).toHaveLength(0);
  });

  it('proxies the WebSocket upgrade to the pad\'s process, without padmeet\'s cookies', async () => {
    seen.length = 0;
    const socket = new WebSocket(`${base.replace('http', 'ws')}/pad/socket.io/?padId=${encodeURIComponent(padB)}&EIO=3&transport=websocket`, {
      headers: { cookie: 'next-auth.session-token=SECRET; sessionID=s.bbbbbbbbbbbbbbbb', authorization: 'Basic SECRET' },
    });
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(data.toString()));
      socket.once('error', reject);
    });
    expect(first).toBe(`ws upstream ${padProcessIndex(padB, 2)}`);
    expect(seen[0]?.headers.cookie).toBe('sessionID=s.bbbbbbbbbbbbbbbb');
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(proxy.stats().webSockets).toBe(1);
    socket.close();
  });

  it('takes a browser resetting its pad WebSocket (a closed tab) in its stride: no uncaught error, the upstream side closed', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/pad/socket.io/?padId=${encodeURIComponent(padA)}&EIO=3&transport=websocket`);
      await new Promise<void>((resolve, reject) => {
        socket.once('message', () => resolve());
        socket.once('error', reject);
      });
      expect(proxy.stats().webSockets).toBe(1);
      // An RST, not a close: the proxy reads ECONNRESET on the browser's socket.
      (socket as unknown as { _socket: Socket })._socket.resetAndDestroy();
      await vi.waitFor(() => expect(proxy.stats().webSockets).toBe(0), { timeout: 5_000 });
      expect(uncaught).toEqual([]);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
    }
  });

  it('refuses WebSocket upgrades that are not socket.io for a named pad', async () => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/pad/api/ws`);
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
  });

  it('caps request bodies, declared or streamed', async () => {
    seen.length = 0;
    const url = `/pad/socket.io/?padId=${encodeURIComponent(padA)}&EIO=3&transport=polling`;
    expect((await get(url, {}, 'POST', Buffer.alloc(2000))).status, 'declared').toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}${url}`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(413)); // the proxy may cut the upload off before the client finishes it
      for (let i = 0; i < 10; i += 1) req.write(Buffer.alloc(500));
      req.end();
      req.on('timeout', reject);
    });
    expect(chunked).toBe(413);
    expect(seen.every((s) => s.bodyBytes <= 1000)).toBe(true);
    expect((await get(url, {}, 'POST', Buffer.alloc(900))).status).toBe(200);
  });

  it("keeps Etherpad's redirects under /pad", async () => {
    const response = await get('/pad/static/redirect');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/pad/p/elsewhere');
  });

  it("keeps Etherpad's static files in memory, per encoding, without cookies; not errors, pads or sockets", async () => {
    seen.length = 0;
    const first = await get('/pad/static/js/require-kernel.js?v=1', { 'accept-encoding': 'gzip, deflate, br' });
    const again = await get('/pad/static/js/require-kernel.js?v=1', { 'accept-encoding': 'gzip' });
    expect(again.body).toBe(first.body);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(seen.filter((s) => s.url === '/static/js/require-kernel.js?v=1')).toHaveLength(1);
    expect((await get('/pad/static/js/require-kernel.js?v=1')).body).toBe('upstream 0 identity');
    expect((await get('/pad/static/js/require-kernel.js?v=1', { 'if-modified-since': 'Mon, 30 Nov 2026 12:00:00 GMT', 'accept-encoding': 'gzip' })).status).toBe(304);
    // Errors are passed on, not kept.
    expect((await get('/pad/static/missing.js')).status).toBe(404);
    expect((await get('/pad/static/missing.js')).status).toBe(404);
    expect(seen.filter((s) => s.url === '/static/missing.js')).toHaveLength(2);
    // Socket.io and pad pages always reach Etherpad.
    const polling = `/pad/socket.io/?padId=${encodeURIComponent(padA)}&EIO=3&transport=polling`;
    await get(polling);
    await get(polling);
    expect(seen.filter((s) => s.url.startsWith('/socket.io/?padId'))).toHaveLength(2);
  });

  it("warms the cache with what each process's pad page loads", async () => {
    seen.length = 0;
    await expect(proxy.warmUp()).resolves.toEqual({ files: 4 });
    expect(seen.map((s) => s.url).filter((url) => !url.startsWith('/p/')).sort()).toEqual([
      '/javascripts/lib/ep_etherpad-lite/static/js/ace2_inner.js?callback=require.define&v=abc123',
      '/javascripts/lib/ep_etherpad-lite/static/js/pad.js?callback=require.define&v=abc123',
      '/static/css/iframe_editor.css?v=abc123',
      '/static/css/pad.css?v=abc123',
    ]);
    seen.length = 0;
    await get('/pad/static/css/pad.css?v=abc123', { 'accept-encoding': 'gzip' });
    expect(seen).toHaveLength(0);
    // …and lists them for the browser's preloadPadFiles (@padmeet/pad/preload), Etherpad not asked.
    const list = await get('/pad/padmeet-files.json');
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({
      files: [
        'javascripts/lib/ep_etherpad-lite/static/js/ace2_inner.js?callback=require.define&v=abc123',
        'javascripts/lib/ep_etherpad-lite/static/js/pad.js?callback=require.define&v=abc123',
        'static/css/iframe_editor.css?v=abc123',
        'static/css/pad.css?v=abc123',
      ],
    });
    expect(seen).toHaveLength(0);
  });

  it('answers 502 with padmeet\'s page when the process is down', async () => {
    const downProxy = createPadProxy({ upstreams: ['http://127.0.0.1:1'], checkAccess: async () => true, logger: createLogger({ name: 'test', level: 'silent' }) });
    const server = createServer((req, res) => downProxy.handleRequest(req, res));
    const port = await listen(server);
    const response = await fetch(`http://127.0.0.1:${port}/pad/static/js/pad.js`);
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('the video room still works'.replace('the video', 'The video'));
    downProxy.close();
    server.close();
  });
});
