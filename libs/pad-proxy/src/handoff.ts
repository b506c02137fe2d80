import type { ChildProcess } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '@padmeet/util';

/**
 * A pad's WebSocket handed over to the Etherpad process that serves the pad, instead of relayed.
 *
 * The web server checks the upgrade request as it checks any pad request (route, padmeet's cookies
 * and credentials stripped, the client's address in X-Forwarded-For), then hands the browser's
 * socket itself, with the request it would have sent upstream, to that Etherpad process over
 * Node's IPC channel (the process that started both passes it on). Etherpad (patch 12) takes the
 * socket as if the browser had connected to it with that request. From then on every message goes
 * browser ⇄ Etherpad without a hop through the web process: at 40 authors + 100 viewers on one pad
 * each edit is 140 messages, and relaying them one after another in the web process added
 * 1.4-1.7x to the edit → seen p95 (docs/benchmarks-pad.md).
 */
export const PAD_SOCKET_MESSAGE = 'padmeet:pad-socket';

export interface PadSocketMessage {
  type: typeof PAD_SOCKET_MESSAGE;
  /** Index of the Etherpad process that serves the pad (padProcessIndex). */
  process: number;
  /** The upgrade request as Etherpad is to read it, as a latin1 string (bytes 0-255, JSON-safe). */
  head: string;
}

export function isPadSocketMessage(message: unknown): message is PadSocketMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type, process, head } = message as Record<string, unknown>;
  return type === PAD_SOCKET_MESSAGE && Number.isInteger(process) && (process as number) >= 0 && typeof head === 'string';
}

/** Hop-by-hop headers Etherpad gets from the request line's own framing, never from the browser's copy. */
const DROPPED = new Set(['content-length', 'transfer-encoding']);

/**
 * The upgrade request Etherpad reads, from the browser's (already sanitised: padmeet's cookies and
 * credentials removed, X-Forwarded-For as the web server resolved it) with the path on Etherpad,
 * followed by any bytes the browser sent past the request's end.
 */
export function upstreamUpgradeHead(req: IncomingMessage, upstreamPath: string, rest: Buffer): Buffer {
  const lines = [`GET ${upstreamPath} HTTP/1.1`];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED.has(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), rest]);
}

/**
 * For the process between the web server and Etherpad (infra/stack/run.ts; the benchmarks' own):
 * passes a handed socket on to `to`, the next process toward the pad's Etherpad process. False for a
 * message that is no pad socket. With nowhere to go the browser gets 503 (socket.io tries again).
 */
export function passPadSocket(message: unknown, handle: unknown, to: ChildProcess | undefined): boolean {
  if (!isPadSocketMessage(message) || !(handle instanceof Socket)) return false;
  if (!to?.connected) {
    handle.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return true;
  }
  to.send(message, handle, { keepOpen: false }, (error) => {
    if (error) handle.destroy();
  });
  return true;
}

/**
 * The web server's side (PadProxyOptions.handOff, PADMEET_PAD_HANDOFF=ipc): sends a checked pad
 * WebSocket to the process that started this one, which passes it on (passPadSocket). False when
 * this process has no IPC channel: the proxy then relays the socket itself.
 */
export function handPadSocketToParent(log: Logger): (padProcess: number, head: Buffer, socket: Duplex) => boolean {
  return (padProcess, head, socket) => {
    if (!process.send || !process.connected || !(socket instanceof Socket)) return false;
    const message: PadSocketMessage = { type: PAD_SOCKET_MESSAGE, process: padProcess, head: head.toString('latin1') };
    process.send(message, socket, { keepOpen: false }, (error: Error | null) => {
      if (!error) return;
      log.warn({ err: error }, 'pad proxy: handing a WebSocket to Etherpad failed (the pad reconnects)');
      socket.destroy();
    });
    return true;
  };
}
