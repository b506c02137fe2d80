import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createLogger } from '@padmeet/util';
import { startWsRelays, type WsRelays } from './ws-relay';

// The relay processes for real: a front server hands each upgraded socket to a relay process
// (forked, as the web server does), which pipes it to an upstream WebSocket server. No Etherpad
// needed: the upstream echoes, and says which request headers reached it.

let upstream: WebSocketServer;
let front: Server;
let relays: WsRelays;
let frontUrl: string;
const seenHeaders: Array<Record<string, string | string[] | undefined>> = [];

beforeAll(async () => {
  upstream = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => upstream.once('listening', () => resolve()));
  const upstreamPort = (upstream.address() as AddressInfo).port;
  upstream.on('connection', (socket, request) => {
    seenHeaders.push(request.headers);
    socket.on('message', (data) => socket.send(`echo ${request.url} ${data.toString()}`));
  });
  relays = startWsRelays({ count: 2, logger: createLogger({ name: 'ws-relay-test', level: 'silent' }) });
  front = createServer((_req, res) => res.end());
  front.on('upgrade', (req, socket, head) => {
    // As the pad proxy: the upstream path is decided here, a header is taken off.
    delete req.headers.authorization;
    if (!relays.handOff(req, socket, head, `http://127.0.0.1:${upstreamPort}/socket.io/?padId=g.x$y`)) socket.destroy();
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', () => resolve()));
  frontUrl = `ws://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  relays?.close();
  await new Promise((resolve) => front?.close(resolve));
  await new Promise((resolve) => upstream?.close(resolve));
});

async function roundTrip(text: string): Promise<{ reply: string; socket: WebSocket }> {
  const socket = new WebSocket(`${frontUrl}/pad/socket.io/?padId=g.x$y`, { headers: { authorization: 'Bearer secret', 'x-test': 'kept' } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(data.toString())));
  socket.send(text);
  return { reply: await reply, socket };
}

describe('pad WebSocket relay processes', () => {
  it('pipe sockets handed over by the front server to the decided upstream, in both directions, over several relays', async () => {
    // Relay processes start with the server; the first hand-offs may come before they are up.
    const ping = async () => {
      const answer = await roundTrip('ping').catch(() => undefined);
      answer?.socket.close();
      return answer?.reply;
    };
    await expect.poll(ping, { timeout: 20_000 }).toBe('echo /socket.io/?padId=g.x$y ping');
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 6; i++) {
      const { reply, socket } = await roundTrip(`hello ${i}`);
      expect(reply).toBe(`echo /socket.io/?padId=g.x$y hello ${i}`);
      sockets.push(socket);
    }
    // Counted by the relays, all of them open at once.
    await expect.poll(() => relays.open(), { timeout: 5_000 }).toBeGreaterThanOrEqual(6);
    const last = seenHeaders.at(-1)!;
    expect(last['authorization']).toBeUndefined();
    expect(last['x-test']).toBe('kept');
    for (const socket of sockets) socket.close();
    await expect.poll(() => relays.open(), { timeout: 5_000 }).toBe(0);
  });

  it('starts another relay process when one dies; its sockets drop, new ones get through', async () => {
    const { socket } = await roundTrip('before');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const [first, second] = relays.pids();
    process.kill(first!, 'SIGKILL');
    process.kill(second!, 'SIGKILL');
    await closed;
    await expect.poll(() => relays.pids().filter((pid) => pid !== first && pid !== second).length, { timeout: 10_000 }).toBe(2);
    const { reply, socket: again } = await roundTrip('after');
    expect(reply).toBe('echo /socket.io/?padId=g.x$y after');
    again.close();
  });
});
