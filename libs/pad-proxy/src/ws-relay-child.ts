/**
 * A pad WebSocket relay process (forked by ws-relay.ts): it receives upgraded browser sockets from
 * the web server over IPC, each with the upgrade request as the proxy decided it (path, headers
 * already stripped of padmeet's credentials, the Etherpad process that serves the pad), and pipes
 * it to Etherpad. Nothing else runs here, so relaying a pad's edits to its viewers neither waits
 * behind the web server's pages nor shares its garbage collector.
 */
import type { Socket } from 'node:net';
import { createProxyServer } from 'http-proxy-3';
import { isHandOff, type RelayReport } from './ws-relay-protocol';

const proxy = createProxyServer({ ignorePath: true, xfwd: false });
let open = 0;

function report(message: RelayReport): void {
  if (process.connected) process.send?.(message);
}

proxy.on('open', (upstream: Socket) => {
  open += 1;
  report({ type: 'open', count: open });
  upstream.once('close', () => {
    open -= 1;
    report({ type: 'open', count: open });
  });
});

process.on('message', (message: unknown, handle: unknown) => {
  const socket = handle as Socket | undefined;
  if (!socket) return;
  if (!isHandOff(message)) {
    socket.destroy();
    return;
  }
  // A browser may reset the connection at any moment (a closed tab): never an uncaught error.
  socket.on('error', () => socket.destroy());
  const req = { method: message.method, url: message.url, headers: message.headers, httpVersionMajor: 1, httpVersion: '1.1' };
  const head = Buffer.from(message.head, 'base64');
  // http-proxy reads only the method, URL, headers and HTTP version of the request.
  proxy.ws(req as never, socket, head, { target: message.target }, (error: Error) => {
    report({ type: 'error', message: error.message, url: message.url });
    socket.destroy();
  });
});

// The web server gone: nothing left to relay for.
process.on('disconnect', () => process.exit(0));
