import { fork, type ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@padmeet/util';
import { isRelayReport, type HandOff } from './ws-relay-protocol';

/**
 * Pad WebSockets relayed by processes of their own (ws-relay-child.ts) instead of the web server's.
 *
 * Why: an edit reaches each of the pad's viewers as its own WebSocket message, and a relay in one
 * Node process handles them one after the other (~45 µs each here), so the last of 140 viewers
 * waited ~6 ms longer than it would directly, and longer still behind the web server's own work
 * and garbage collection. Sockets are spread over `count` relay processes, each one's share of a
 * pad's viewers relayed in parallel with the others'.
 *
 * The web server still decides everything (the route, the pad's process, the headers Etherpad may
 * see); only the socket and that decision go to a relay process. A relay that dies is started
 * again; its connections drop and the pad page reconnects by itself (socket.io).
 */
export interface WsRelays {
  /** Hands an upgraded socket to a relay process; false when none is running (relay it yourself). */
  handOff(req: IncomingMessage, socket: Duplex, head: Buffer, target: string): boolean;
  /** WebSockets open through the relay processes. */
  open(): number;
  /** The relay processes running now (logs, tests). */
  pids(): number[];
  close(): void;
}

interface Relay {
  child: ChildProcess;
  open: number;
}

const CHILD = fileURLToPath(new URL('./ws-relay-child.ts', import.meta.url));

export function startWsRelays(options: { count: number; logger: Logger }): WsRelays {
  const { logger } = options;
  const relays: Array<Relay | undefined> = [];
  let closing = false;
  let next = 0;

  function start(slot: number): void {
    // The same Node and TypeScript loader (tsx) as the web server.
    const execArgv = process.execArgv.some((arg) => arg.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'];
    const child = fork(CHILD, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const relay: Relay = { child, open: 0 };
    relays[slot] = relay;
    child.on('message', (message: unknown) => {
      if (!isRelayReport(message)) return;
      if (message.type === 'open') relay.open = message.count;
      else logger.warn({ err: message.message, url: message.url, relay: slot }, 'pad proxy: WebSocket to Etherpad failed');
    });
    child.on('error', (error) => logger.warn({ err: error, relay: slot }, 'pad proxy: relay process error'));
    child.once('exit', (code, signal) => {
      if (relays[slot] === relay) relays[slot] = undefined;
      if (closing) return;
      logger.warn({ relay: slot, code, signal }, 'pad proxy: WebSocket relay process ended; starting another (its pads reconnect)');
      setTimeout(() => {
        if (!closing) start(slot);
      }, 1_000).unref();
    });
  }

  for (let slot = 0; slot < options.count; slot++) start(slot);

  return {
    handOff(req, socket, head, target) {
      const live = relays.filter((relay): relay is Relay => relay !== undefined && relay.child.connected);
      if (live.length === 0) return false;
      const relay = live[next++ % live.length]!;
      const message: HandOff = { type: 'ws', method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, head: head.toString('base64'), target };
      relay.child.send(message, socket as Socket, (error) => {
        if (error) {
          logger.warn({ err: error }, 'pad proxy: could not hand a WebSocket to its relay');
          socket.destroy();
        }
      });
      return true;
    },
    open: () => relays.reduce((sum, relay) => sum + (relay?.open ?? 0), 0),
    pids: () => relays.flatMap((relay) => (relay?.child.pid !== undefined && relay.child.connected ? [relay.child.pid] : [])),
    close() {
      closing = true;
      for (const relay of relays) relay?.child.kill('SIGTERM');
    },
  };
}
