import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPgPool } from './pool';

/** PostgreSQL's limit for a NOTIFY payload is 8000 bytes; a message is a few names and ids. */
const MAX_PAYLOAD_BYTES = 7_900;
const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;

/** What the bus logs: a failed notify or a lost listening connection (the bus goes on). */
export interface ChangeBusLogger {
  warn(details: object, message: string): void;
}

/**
 * Tells padmeet's other processes on the same database that something changed, at once, through
 * PostgreSQL's LISTEN/NOTIFY: a raised hand, a chat message, a schedule write made through one
 * web process reaches the rooms and pages served by the others. What a message says is up to its
 * users (a small JSON value: which room, which event; receivers read the rest from the database).
 *
 * Best effort, by design: a message sent while a process's listening connection is down is not
 * seen there (the bus reconnects by itself, with backoff, and tells `onReconnect` so the receiver
 * can re-read), and the streams re-read every minute anyway. A process never receives its own
 * messages: it has already acted on them. Messages from one process arrive in the order sent.
 */
export interface ChangeBus {
  /** Sends to the other processes; never throws (a failure is logged). Resolves once sent or failed. */
  publish(message: unknown): Promise<void>;
  /** Messages from the other processes, parsed JSON (check their shape: the channel is shared). */
  subscribe(listener: (message: unknown) => void): () => void;
  /** Called after the listening connection came back (messages sent meanwhile were missed). */
  onReconnect(listener: () => void): () => void;
  /** Listening now (for tests and health). */
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ChangeBusOptions {
  databaseUrl: string;
  /** The NOTIFY channel (default `padmeet_changes`). */
  channel?: string;
  logger?: ChangeBusLogger;
}

export function createChangeBus(options: ChangeBusOptions): ChangeBus {
  const channel = options.channel ?? 'padmeet_changes';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`change bus: "${channel}" is not a plain channel name`);
  const origin = randomUUID();
  const logger = options.logger;
  // One connection: a process's messages arrive in the order it sent them.
  const sender = createPgPool(options.databaseUrl, { max: 1 });
  const listeners = new Set<(message: unknown) => void>();
  const reconnectListeners = new Set<() => void>();
  let listener: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const deliver = (payload: string | undefined) => {
    let parsed: { from?: unknown; message?: unknown };
    try {
      parsed = JSON.parse(payload ?? '') as { from?: unknown; message?: unknown };
    } catch {
      logger?.warn({ channel }, 'change bus: a message that is not JSON was ignored');
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || parsed.from === origin || !('message' in parsed)) return;
    for (const each of [...listeners]) each(parsed.message);
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    listener = client;
    const lost = (error?: Error) => {
      if (listener !== client) return;
      listener = undefined;
      const wasListening = listening;
      listening = false;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (closed) return;
      if (wasListening || failures === 0) logger?.warn({ channel, err: error }, 'change bus: listening connection lost; reconnecting');
      failures += 1;
      retry = setTimeout(() => void connect(), Math.min(RECONNECT_MIN_MS * 2 ** (failures - 1), RECONNECT_MAX_MS));
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (notification) => {
      if (notification.channel === channel) deliver(notification.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      lost(error as Error);
      return;
    }
    if (listener !== client || closed) return;
    const reconnected = failures > 0;
    failures = 0;
    listening = true;
    if (reconnected) for (const each of [...reconnectListeners]) each();
  };
  void connect();

  return {
    async publish(message) {
      if (closed) return;
      const payload = JSON.stringify({ from: origin, message });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        logger?.warn({ channel, bytes: Buffer.byteLength(payload) }, 'change bus: message too large, not sent');
        return;
      }
      try {
        await sender.query('SELECT pg_notify($1, $2)', [channel, payload]);
      } catch (error) {
        logger?.warn({ channel, err: error }, 'change bus: could not notify the other processes');
      }
    },
    subscribe(each) {
      listeners.add(each);
      return () => listeners.delete(each);
    },
    onReconnect(each) {
      reconnectListeners.add(each);
      return () => reconnectListeners.delete(each);
    },
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const client = listener;
      listener = undefined;
      listening = false;
      await Promise.all([client?.end().catch(() => undefined), sender.end().catch(() => undefined)]);
    },
  };
}
