import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SFU_CLOSE_CODES, SFU_WS_PATH, type JoinClaims, type SignalingServerMessage } from '@padmeet/contract';
import type { JoinTokenVerifier } from '@padmeet/join-token';
import { isAppError, type Logger } from '@padmeet/util';
import type { RtcTransportConfig } from './config';
import { ConnectionLimits, DEFAULT_CONNECTION_LIMITS, type ConnectionLimitOptions } from './connection-limits';
import type { LoadTestOptions } from './load-test';
import { RoomBans } from './moderation/bans';
import { isOriginAllowed } from './origin';
import type { PeerLink } from './peer';
import { RoomRegistry } from './room-registry';
import { PeerSession } from './session';
import { signalingHandlers } from './signaling/handlers';
import { dispatchSignalingFrame, MAX_SIGNALING_FRAME_BYTES } from './signaling/dispatch';
import type { HandlerContext } from './signaling/context';
import type { AttendanceReporter } from './attendance-reporter';
import type { WorkerPool } from './worker-pool';

export interface SfuServerOptions {
  verifier: JoinTokenVerifier;
  workerPool: WorkerPool;
  /** Transport settings beyond the listen address (which the worker pool's WebRtcServers own). */
  rtc?: Pick<RtcTransportConfig, 'initialAvailableOutgoingBitrate'>;
  /** Joined connections per join token and per subject. */
  connectionLimits?: ConnectionLimitOptions;
  /** Web origins allowed to open the WebSocket, e.g. ['http://localhost:3000']. */
  allowedOrigins: readonly string[];
  logger: Logger;
  /**
   * Liveness ping interval for WebSocket clients; a socket that misses one is dropped at the next
   * (so within two intervals). Short, because a dead socket keeps its place among its token's
   * connections (at most 2) and in the room until then.
   */
  heartbeatMs?: number;
  /** Load testing (infra/bench/capacity): plain SRTP transports for load-test tokens. Absent in production. */
  loadTest?: LoadTestOptions;
  /** A room grows onto another worker past this many peers on one router (pipeToRouter); absent: one router per room. */
  peersPerRouter?: number;
  /** Joins and leaves told to the web app (issue 12: attendance); absent: not reported. */
  attendance?: AttendanceReporter;
  /**
   * Serve the JSON view of `metrics()` at GET /metrics on this (public) listener; default true.
   * apps/sfu turns it off unless SFU_PUBLIC_JSON_METRICS=on: production serves it on the metrics
   * listener only (/metrics.json, behind METRICS_TOKEN).
   */
  publicJsonMetrics?: boolean;
}

export interface SfuHealth {
  status: 'ok' | 'unavailable';
  workers: number;
  rooms: number;
  peers: number;
}

export interface SfuServer {
  readonly registry: RoomRegistry;
  readonly limits: ConnectionLimits;
  listen(port: number, host: string): Promise<AddressInfo>;
  health(): SfuHealth;
  metrics(): Promise<unknown>;
  /** Closes sockets, rooms and workers. */
  close(): Promise<void>;
}

/** Requests a connection may have queued before it is told to slow down. */
const MAX_QUEUED_REQUESTS = 64;

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

interface UpgradeLogContext {
  /** The request path only: the query carries the join token. */
  path: string;
  origin: string | undefined;
  remoteAddress: string | undefined;
  /** Known once the token is verified. */
  roomId?: string;
  subject?: string;
}

/** A client that goes away mid-request is everyday network weather; other socket errors are not. */
const EVERYDAY_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

function logSocketError(logger: Logger, error: NodeJS.ErrnoException, context: UpgradeLogContext): void {
  if (error.code !== undefined && EVERYDAY_SOCKET_ERRORS.has(error.code)) logger.debug({ ...context, err: error }, 'client socket error');
  else logger.warn({ ...context, err: error }, 'client socket error');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** The SFU's HTTP server: /healthz, /metrics and the signaling WebSocket on /ws. */
export function createSfuServer(options: SfuServerOptions): SfuServer {
  const { verifier, workerPool, allowedOrigins, logger } = options;
  const rtc = options.rtc ?? {};
  const registry = new RoomRegistry({
    nextWorker: () => workerPool.acquire(),
    logger,
    ...(options.peersPerRouter ? { spread: { peersPerRouter: options.peersPerRouter, workers: () => workerPool.workers() } } : {}),
  });
  const limits = new ConnectionLimits(options.connectionLimits ?? DEFAULT_CONNECTION_LIMITS);
  const sessions = new Set<PeerSession>();
  const bans = new RoomBans();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SIGNALING_FRAME_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  const health = (): SfuHealth => {
    const workers = workerPool.aliveCount();
    const rooms = registry.rooms();
    return {
      status: workers > 0 ? 'ok' : 'unavailable',
      workers,
      rooms: rooms.length,
      peers: rooms.reduce((sum, room) => sum + room.joinedPeers().length, 0),
    };
  };

  const metrics = async () => ({
    ...health(),
    roomCount: registry.size,
    rtcPorts: workerPool.workers().map((entry) => ({ slot: entry.index, workerPid: entry.worker.pid })),
    connections: limits.count(),
    rooms: await Promise.all(
      registry.rooms().map(async (room) => ({
        room: room.id,
        workerPid: room.workerPid,
        peers: room.joinedPeers().length,
        transports: await Promise.all(
          [...room.peers.values()].flatMap((peer) =>
            [...peer.transports.values()].map(async (transport) => {
              const [stats] = await transport.getStats().catch((error: unknown) => {
                // A transport closed between listing and asking is expected; anything else is worth a look.
                const context = { err: error, roomId: room.id, peerId: peer.id, transportId: transport.id };
                if (transport.closed) logger.debug(context, 'metrics: transport closed before its stats were read');
                else logger.warn(context, 'metrics: transport stats could not be read');
                return [];
              });
              return {
                peerId: peer.id,
                transportId: transport.id,
                direction: transport.appData.direction,
                bytesReceived: stats?.bytesReceived ?? 0,
                bytesSent: stats?.bytesSent ?? 0,
              };
            }),
          ),
        ),
      })),
    ),
  });

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://sfu').pathname;
    if (request.method !== 'GET') return sendJson(response, 405, { error: 'Only GET is served here.' });
    if (path === '/healthz') {
      const body = health();
      return sendJson(response, body.status === 'ok' ? 200 : 503, body);
    }
    if (path === '/metrics' && (options.publicJsonMetrics ?? true)) {
      metrics().then(
        (body) => sendJson(response, 200, body),
        (error: unknown) => {
          logger.error({ err: error }, 'metrics failed');
          sendJson(response, 500, { error: 'metrics failed' });
        },
      );
      return;
    }
    sendJson(response, 404, { error: `Not found. The SFU serves GET /healthz, GET /metrics and WebSocket ${SFU_WS_PATH}?token=...` });
  });

  const onConnection = (socket: WebSocket, claims: JoinClaims) => {
    const send = (message: SignalingServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const sessionLogger = logger.child({ roomId: claims.room, subject: claims.sub });
    let ended = false;
    const link: PeerLink = {
      send,
      end(reason, message, closeCode) {
        if (ended) return;
        ended = true;
        send({ type: 'sessionEnded', reason, message });
        // A close reason is at most 123 bytes; the message above carries the words.
        socket.close(closeCode, reason);
      },
    };
    const session = new PeerSession({ claims, registry, limits, link, logger: sessionLogger, attendance: options.attendance });
    sessions.add(session);
    const context: HandlerContext = {
      session,
      rtc,
      verifier,
      bans,
      ...(options.loadTest ? { loadTest: options.loadTest } : {}),
      ...(options.attendance ? { attendance: options.attendance } : {}),
    };
    let queue: Promise<void> = Promise.resolve();
    let queued = 0;
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        send({ type: 'error', error: { code: 'BAD_INPUT', message: 'Messages must be JSON text frames, not binary.' } });
        return;
      }
      if (queued >= MAX_QUEUED_REQUESTS) {
        send({ type: 'error', error: { code: 'RATE_LIMITED', message: 'Too many requests in flight; wait for responses.' } });
        return;
      }
      queued += 1;
      const raw = data.toString();
      // One request at a time per connection: "join" then "createTransport" sent back to back stay ordered.
      queue = queue
        .then(() => dispatchSignalingFrame(raw, context, signalingHandlers, sessionLogger))
        .then(send)
        // dispatchSignalingFrame answers every failure itself; should anything still throw, it is
        // logged here and the queue stays usable for the next request.
        .catch((error: unknown) => sessionLogger.error({ err: error }, 'signaling request failed outside its handler'))
        .finally(() => {
          queued -= 1;
        });
    });
    socket.on('close', () => {
      ended = true;
      sessions.delete(session);
      queue
        .finally(() => session.dispose())
        .catch((error: unknown) => sessionLogger.error({ err: error }, 'could not release the peer of a closed connection'));
      sessionLogger.debug('signaling socket closed');
    });
    socket.on('error', (error) => sessionLogger.warn({ err: error }, 'signaling socket error'));
  };

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://sfu');
    // What every line about this upgrade carries: never the query, which holds the join token.
    const context: UpgradeLogContext = {
      path: url.pathname,
      origin: request.headers.origin,
      remoteAddress: request.socket.remoteAddress,
    };
    socket.on('error', (error: NodeJS.ErrnoException) => {
      logSocketError(logger, error, context);
      socket.destroy();
    });
    if (url.pathname !== SFU_WS_PATH) {
      logger.debug(context, 'WebSocket upgrade on an unknown path refused');
      return rejectUpgrade(socket, 404, `WebSocket path is ${SFU_WS_PATH}?token=<join token>.`);
    }
    if (!isOriginAllowed(request.headers.origin, allowedOrigins)) {
      logger.warn(context, 'WebSocket upgrade from a foreign origin refused');
      return rejectUpgrade(socket, 403, 'This origin may not connect to the media server.');
    }
    const token = url.searchParams.get('token');
    if (!token) {
      logger.debug(context, 'WebSocket upgrade without a join token refused');
      return rejectUpgrade(socket, 401, 'A join token is required: /ws?token=<join token>.');
    }
    verifier.verify(token).then(
      (claims) => {
        context.roomId = claims.room;
        context.subject = claims.sub;
        if (socket.destroyed) {
          logger.debug(context, 'client left while its join token was being checked');
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, claims));
      },
      (error: unknown) => {
        if (isAppError(error)) {
          // An expired, foreign or forged token: the client is told why; nothing is broken here.
          logger.info({ ...context, code: error.code, reason: error.userMessage }, 'join token refused');
          return rejectUpgrade(socket, error.httpStatus, error.userMessage);
        }
        logger.error({ ...context, err: error }, 'join token verification failed');
        rejectUpgrade(socket, 500, 'The join token could not be checked.');
      },
    );
  });

  const heartbeat = setInterval(() => {
    for (const client of wss.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, options.heartbeatMs ?? 10_000);
  heartbeat.unref();

  return {
    registry,
    limits,
    health,
    metrics,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        http.once('error', onError);
        http.listen(port, host, () => {
          http.off('error', onError);
          resolve(http.address() as AddressInfo);
        });
      });
    },
    async close() {
      clearInterval(heartbeat);
      const reason = 'The media server is shutting down; rejoin in a moment.';
      registry.closeAll(reason, 'server-shutdown');
      for (const session of [...sessions]) session.link.end('server-shutdown', reason, SFU_CLOSE_CODES.roomClosed);
      await workerPool.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
        for (const client of wss.clients) client.terminate();
      });
      wss.close();
    },
  };
}
