// A stand-in for an Etherpad process started with an IPC channel, for handoff.spec.ts: it takes
// handed WebSockets exactly as Etherpad's patch 12 does (infra/etherpad/patches/12-*.patch), and
// its WebSocket server reports what it saw of each: the request's path and headers, and the
// browser's side of the socket. It echoes every message.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const server = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true });
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    process.send({ seen: { url: req.url, headers: req.headers, remotePort: req.socket.remotePort } });
    ws.on('message', (data) => ws.send(`echo ${data}`));
  });
});
server.listen(0, '127.0.0.1', () => process.send({ ready: true }));

process.on('message', (message, socket) => {
  if (message == null || message.type !== 'padmeet:pad-socket' || socket == null) return;
  server.emit('connection', socket);
  socket.emit('data', Buffer.from(message.head, 'latin1'));
  socket.resume();
});
