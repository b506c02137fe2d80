// The capacity benchmark's Node baseline: the C relay (relay.c) written with node:dgram. Every
// datagram received on 127.0.0.1:<port> is sent on to each destination port in turn.
// Usage: node relay-node.mjs <port> <destination port>...
import { createSocket } from 'node:dgram';

const [port, ...destinations] = process.argv.slice(2).map(Number);
const socket = createSocket('udp4');
socket.on('message', (packet) => {
  for (const destination of destinations) socket.send(packet, destination, '127.0.0.1');
});
socket.bind(port, '127.0.0.1', () => {
  try {
    socket.setRecvBufferSize(4 * 1024 * 1024);
    socket.setSendBufferSize(4 * 1024 * 1024);
  } catch {
    // Capped by the kernel's limits; the defaults work.
  }
  process.stdout.write('ready\n');
});
