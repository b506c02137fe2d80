/**
 * A client of Etherpad 1.8.14's own pad protocol (socket.io 2, what the pad page speaks), for
 * integration tests and benchmarks: connect (directly or through padmeet's `/pad` proxy), join a
 * pad with an Etherpad session, type, see the others' edits arrive, ask for old revisions.
 *
 *   const pad = await connectEtherpadSocket({ baseUrl: 'http://localhost:3100/pad', padId, sessionId });
 *   await pad.append('hello');                 // resolves on ACCEPT_COMMIT
 *   await other.waitForText((t) => t.includes('hello'));
 *
 * `text` is the pad's text at revision `rev` as the server has it (the client's own edits count
 * once accepted). Edits are queued and sent one at a time, each built against the text current
 * when it is sent, with the author attribute Etherpad requires. Needs `socket.io-client@2` (loaded
 * on first connect, so importing this module costs nothing).
 */
// The package ships no types; this reference makes them travel with this file into every
// program that imports @padmeet/pad/testing (as transport.ts does for etherpad-lite-client).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./socket.io-client.d.ts" />
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SocketIoSocket } from 'socket.io-client';
import { applyToText, follow, makeSplice } from './changeset';

export type EtherpadTransportName = 'websocket' | 'polling';

export interface EtherpadSocketOptions {
  /** Where the pad page lives, without `/p/…`: `http://127.0.0.1:9101` or `http://localhost:3100/pad`. socket.io is at `<baseUrl>/socket.io/`. */
  baseUrl: string;
  padId: string;
  /** Etherpad session ID (createSession): sent as cookie `sessionID` and in CLIENT_READY. */
  sessionId?: string;
  /** Etherpad's author token (default a fresh `t.…`, so each client is its own author unless a session says otherwise). */
  token?: string;
  /** Default `['websocket']`; `['polling']` for long-polling only; `['polling', 'websocket']` upgrades like a browser. */
  transports?: EtherpadTransportName[];
  /** Extra request headers (cookies merge with the session cookie). */
  headers?: Record<string, string>;
  /** Sets `X-Forwarded-For` (Etherpad's per-client commit rate limit keys on it behind a trusted proxy). */
  forwardedFor?: string;
  /** Connect + CLIENT_VARS deadline (default 10 s). */
  timeoutMs?: number;
  /**
   * Joins as a pad page loaded out of sight beside padmeet's pre-join (Etherpad patch 17): the
   * pad's other clients are not told of this one until `show()`.
   */
  outOfSight?: boolean;
  /**
   * The id the pad page gives its connection, the same across its reconnects (Etherpad patch 18:
   * a revision is acknowledged only to the connection that wrote it). Default: none (the socket's own).
   */
  connection?: string;
}

/** Another client of the pad as this one's user list has it (USER_NEWINFO, until USER_LEAVE). */
export interface EtherpadUser {
  userId: string;
  name: string | null;
  colorId: string | number;
}

export type EtherpadSocketErrorKind = 'connect' | 'deny' | 'disconnect' | 'timeout' | 'closed' | 'protocol';

export class EtherpadSocketError extends Error {
  constructor(
    readonly kind: EtherpadSocketErrorKind,
    /** accessStatus (`deny`), Etherpad's disconnect reason (`badChangeset`, `rateLimited`, `userdup`…), or the transport's. */
    readonly reason: string,
  ) {
    super(`Etherpad socket ${kind}: ${reason}`);
    this.name = 'EtherpadSocketError';
  }
}

export interface EtherpadChange {
  rev: number;
  /** The author ID, '' for Etherpad's own corrections. */
  author: string;
  changeset: string;
  /** performance.now() when it arrived. */
  receivedAt: number;
}

export interface EtherpadCommit {
  rev: number;
  changeset: string;
  /** performance.now() when sent and when ACCEPT_COMMIT arrived. */
  sentAt: number;
  acceptedAt: number;
}

/** What Etherpad answers to CHANGESET_REQ (the timeslider's request). */
export interface EtherpadChangesetInfo {
  forwardsChangesets: string[];
  backwardsChangesets: string[];
  apool: unknown;
  actualEndNum: number;
  timeDeltas: number[];
  start: number;
  granularity: number;
  requestID: number;
}

export interface EtherpadSocketEvents {
  /** Another author's (or Etherpad's) revision, already applied to `text`. */
  change: EtherpadChange;
  commit: EtherpadCommit;
  /** The connection ended: Etherpad's `{disconnect}`/`{accessStatus}` message, or the transport. Not fired by close(). */
  disconnect: EtherpadSocketError;
  /** Every message from the server, raw. */
  message: unknown;
}

export interface EtherpadSocket {
  readonly padId: string;
  /** This connection's author ID (CLIENT_VARS `userId`). */
  readonly authorId: string;
  readonly rev: number;
  readonly text: string;
  /** The transport in use now (`websocket` or `polling`). */
  readonly transport: string;
  /** Why the connection ended, once it has. */
  readonly failure: EtherpadSocketError | undefined;
  /**
   * Inserts before the pad's final newline; resolves on ACCEPT_COMMIT. Appends made while an edit
   * is in flight go out together as one edit when it is accepted (as the pad page sends typing).
   */
  append(text: string): Promise<EtherpadCommit>;
  /** Positions count in the text as it is when the edit is sent (edits go one at a time). */
  splice(start: number, deleteCount: number, insert: string): Promise<EtherpadCommit>;
  /** Sends CHANGESET_REQ; `padId` defaults to this pad (another one tries Etherpad 1.8.14's cross-pad read). */
  requestChangesets(request?: { start?: number; granularity?: number; padId?: string; timeoutMs?: number }): Promise<EtherpadChangesetInfo>;
  waitForText(predicate: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  waitForRev(rev: number, timeoutMs?: number): Promise<void>;
  on<E extends keyof EtherpadSocketEvents>(event: E, listener: (value: EtherpadSocketEvents[E]) => void): () => void;
  /** The pad's other clients as this one has been told of them (the pad page's user list), by author ID. */
  readonly users: ReadonlyMap<string, EtherpadUser>;
  /** Joined `outOfSight`: now in sight, shown to the others under this name and colour (hex), as the pad page does (patch 17). */
  show(name: string, colour: string): void;
  /** Sends any message as is (for tests of what the server refuses). */
  sendRaw(message: unknown): void;
  close(): void;
}

/** The text inserted by the revisions of a CHANGESET_REQ answer (what a reader of it learns). */
export function insertedText(info: EtherpadChangesetInfo): string {
  return info.forwardsChangesets.map((cs) => cs.slice(cs.indexOf('$') + 1)).join('');
}

export function socketIoLocation(baseUrl: string): { url: string; path: string } {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  return { url: new URL('/', base).href, path: new URL('socket.io', base).pathname };
}

export function randomToken(): string {
  return `t.${randomBytes(15).toString('base64url')}`;
}

interface Pending {
  build: (text: string) => string;
  /** Set for append(): consecutive appends waiting together go out as one edit, as the pad page batches typing. */
  appended?: string;
  resolve: (commit: EtherpadCommit) => void;
  reject: (error: Error) => void;
}

interface InFlight extends Pending {
  changeset: string;
  sentAt: number;
}

interface ClientVars {
  userId: string;
  collab_client_vars: { initialAttributedText: { text: string }; rev: number };
}

type Listener = (value: never) => void;

class Client implements EtherpadSocket {
  authorId = '';
  rev = 0;
  text = '';
  failure: EtherpadSocketError | undefined;
  readonly users = new Map<string, EtherpadUser>();
  private closed = false;
  private readonly queue: Pending[] = [];
  private inFlight: InFlight | undefined;
  private readonly listeners = new Map<keyof EtherpadSocketEvents, Set<Listener>>();
  private readonly requests = new Map<number, { resolve: (info: EtherpadChangesetInfo) => void }>();
  private readonly waiters = new Set<{ check: () => boolean; done: () => void; fail: (error: Error) => void }>();

  constructor(
    private readonly socket: SocketIoSocket,
    readonly padId: string,
    private readonly token: string,
    private readonly sessionId: string | undefined,
  ) {}

  get transport(): string {
    return this.socket.io.engine?.transport?.name ?? 'none';
  }

  start(clientVars: ClientVars) {
    this.authorId = clientVars.userId;
    this.rev = clientVars.collab_client_vars.rev;
    this.text = clientVars.collab_client_vars.initialAttributedText.text;
  }

  append(text: string) {
    return this.enqueue((current) => makeSplice(current, current.length - 1, 0, text, '*0'), text);
  }

  splice(start: number, deleteCount: number, insert: string) {
    return this.enqueue((current) => makeSplice(current, start, deleteCount, insert, '*0'));
  }

  private enqueue(build: (text: string) => string, appended?: string): Promise<EtherpadCommit> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ build, resolve, reject, ...(appended === undefined ? {} : { appended }) });
      this.pump();
    });
  }

  private pump() {
    if (this.inFlight || this.failure) return;
    let next = this.queue.shift();
    if (!next) return;
    if (next.appended !== undefined && this.queue[0]?.appended !== undefined) {
      const batch = [next];
      while (this.queue[0]?.appended !== undefined) batch.push(this.queue.shift()!);
      const text = batch.map((p) => p.appended).join('');
      next = {
        appended: text,
        build: (current) => makeSplice(current, current.length - 1, 0, text, '*0'),
        resolve: (commit) => batch.forEach((p) => p.resolve(commit)),
        reject: (error) => batch.forEach((p) => p.reject(error)),
      };
    }
    let changeset: string;
    try {
      changeset = next.build(this.text);
    } catch (error) {
      next.reject(error as Error);
      this.pump();
      return;
    }
    this.inFlight = { ...next, changeset, sentAt: performance.now() };
    this.socket.send({
      type: 'COLLABROOM',
      component: 'pad',
      data: { type: 'USER_CHANGES', baseRev: this.rev, changeset, apool: { numToAttrib: { 0: ['author', this.authorId] }, nextNum: 1 } },
    });
  }

  requestChangesets(request: { start?: number; granularity?: number; padId?: string; timeoutMs?: number } = {}) {
    if (this.failure) return Promise.reject(this.failure);
    const requestID = Math.floor(Math.random() * 1e9);
    return new Promise<EtherpadChangesetInfo>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        off();
        this.requests.delete(requestID);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new EtherpadSocketError('timeout', `no CHANGESET_REQ answer in ${request.timeoutMs ?? 5000} ms`));
      }, request.timeoutMs ?? 5000);
      const off = this.on('disconnect', (error) => {
        settle();
        reject(error);
      });
      this.requests.set(requestID, {
        resolve: (info) => {
          settle();
          resolve(info);
        },
      });
      this.socket.send({
        component: 'pad',
        type: 'CHANGESET_REQ',
        padId: request.padId ?? this.padId,
        token: this.token,
        sessionID: this.sessionId,
        protocolVersion: 2,
        data: { start: request.start ?? 0, granularity: request.granularity ?? 1, requestID },
      });
    });
  }

  waitForText(predicate: (text: string) => boolean, timeoutMs = 10_000) {
    return this.waitUntil(() => predicate(this.text), timeoutMs, 'text').then(() => this.text);
  }

  waitForRev(rev: number, timeoutMs = 10_000) {
    return this.waitUntil(() => this.rev >= rev, timeoutMs, `revision ${rev}`);
  }

  private waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const waiter = {
        check,
        done: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
        fail: (error: Error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(new EtherpadSocketError('timeout', `${what} not reached in ${timeoutMs} ms (rev ${this.rev})`)), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  on<E extends keyof EtherpadSocketEvents>(event: E, listener: (value: EtherpadSocketEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  private emit<E extends keyof EtherpadSocketEvents>(event: E, value: EtherpadSocketEvents[E]) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (v: EtherpadSocketEvents[E]) => void)(value);
  }

  show(name: string, colour: string) {
    this.socket.send({ type: 'COLLABROOM', component: 'pad', data: { type: 'USERINFO_UPDATE', userInfo: { name, colorId: colour }, padmeetShown: true } });
  }

  sendRaw(message: unknown) {
    this.socket.send(message);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.end(new EtherpadSocketError('closed', 'closed by the client'), false);
    this.socket.close();
  }

  /** Ends the connection for good: everything waiting fails with `error`. */
  end(error: EtherpadSocketError, notify = true) {
    if (this.failure) return;
    this.failure = error;
    const pending = [...(this.inFlight ? [this.inFlight] : []), ...this.queue.splice(0)];
    this.inFlight = undefined;
    for (const p of pending) p.reject(error);
    for (const w of [...this.waiters]) w.fail(error);
    if (notify) this.emit('disconnect', error);
    if (!this.closed) {
      this.closed = true;
      this.socket.close();
    }
  }

  /** One message from the server, after CLIENT_VARS. */
  handle(message: unknown) {
    this.emit('message', message);
    if (this.failure || !message || typeof message !== 'object') return;
    const m = message as { type?: string; data?: Record<string, unknown>; disconnect?: string; accessStatus?: string };
    if (m.accessStatus) return this.end(new EtherpadSocketError('deny', m.accessStatus));
    if (m.disconnect) return this.end(new EtherpadSocketError('disconnect', m.disconnect));
    if (m.type === 'CHANGESET_REQ' && m.data) {
      const info = m.data as unknown as EtherpadChangesetInfo;
      this.requests.get(info.requestID)?.resolve(info);
      return;
    }
    if (m.type !== 'COLLABROOM' || !m.data) return;
    const data = m.data;
    if (data['type'] === 'USER_NEWINFO' || data['type'] === 'USER_LEAVE') {
      const info = (data['userInfo'] ?? {}) as Partial<EtherpadUser>;
      if (typeof info.userId !== 'string') return;
      if (data['type'] === 'USER_LEAVE') this.users.delete(info.userId);
      else this.users.set(info.userId, { userId: info.userId, name: info.name ?? null, colorId: info.colorId ?? 0 });
      return;
    }
    const newRev = Number(data['newRev']);
    if (data['type'] === 'NEW_CHANGES') {
      if (newRev <= this.rev) return;
      if (newRev !== this.rev + 1) return this.end(new EtherpadSocketError('protocol', `NEW_CHANGES ${newRev} after revision ${this.rev}`));
      const changeset = String(data['changeset']);
      try {
        this.text = applyToText(changeset, this.text);
        if (this.inFlight) this.inFlight.changeset = follow(changeset, this.inFlight.changeset);
      } catch (error) {
        return this.end(new EtherpadSocketError('protocol', `revision ${newRev}: ${(error as Error).message}`));
      }
      this.rev = newRev;
      this.emit('change', { rev: newRev, author: String(data['author'] ?? ''), changeset, receivedAt: performance.now() });
      this.settleWaiters();
    } else if (data['type'] === 'ACCEPT_COMMIT') {
      if (newRev <= this.rev) return;
      const accepted = this.inFlight;
      if (!accepted || newRev !== this.rev + 1) return this.end(new EtherpadSocketError('protocol', `ACCEPT_COMMIT ${newRev} at revision ${this.rev}${accepted ? '' : ' with nothing sent'}`));
      try {
        this.text = applyToText(accepted.changeset, this.text);
      } catch (error) {
        return this.end(new EtherpadSocketError('protocol', `own revision ${newRev}: ${(error as Error).message}`));
      }
      this.rev = newRev;
      this.inFlight = undefined;
      const commit = { rev: newRev, changeset: accepted.changeset, sentAt: accepted.sentAt, acceptedAt: performance.now() };
      accepted.resolve(commit);
      this.emit('commit', commit);
      this.settleWaiters();
      this.pump();
    }
  }

  private settleWaiters() {
    for (const w of [...this.waiters]) if (w.check()) w.done();
  }
}

/**
 * Connects and joins the pad (CLIENT_READY → CLIENT_VARS). Rejects with an EtherpadSocketError:
 * `deny` (accessStatus, e.g. no valid session), `disconnect` (Etherpad's reason), `connect`
 * (transport: refused, 4xx on the handshake…), `timeout`.
 */
export async function connectEtherpadSocket(options: EtherpadSocketOptions): Promise<EtherpadSocket> {
  const io = (await import('socket.io-client')).default;
  const { url, path } = socketIoLocation(options.baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.sessionId) {
    const cookieKey = Object.keys(headers).find((k) => k.toLowerCase() === 'cookie');
    const existing = cookieKey ? headers[cookieKey] : undefined;
    if (cookieKey) delete headers[cookieKey];
    headers['Cookie'] = [existing, `sessionID=${options.sessionId}`].filter(Boolean).join('; ');
  }
  if (options.forwardedFor) headers['X-Forwarded-For'] = options.forwardedFor;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const token = options.token ?? randomToken();
  const socket = io(url, {
    path,
    query: { padId: options.padId },
    transports: options.transports ?? ['websocket'],
    extraHeaders: headers,
    forceNew: true,
    multiplex: false,
    reconnection: false,
    timeout: timeoutMs,
  });
  const client = new Client(socket, options.padId, token, options.sessionId);

  return new Promise<EtherpadSocket>((resolve, reject) => {
    let ready = false;
    const fail = (error: EtherpadSocketError) => {
      if (ready) return client.end(error);
      clearTimeout(timer);
      ready = true; // settled
      client.end(error, false);
      reject(error);
    };
    const timer = setTimeout(() => fail(new EtherpadSocketError('timeout', `not joined within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', () => {
      socket.send(clientReady(options, token));
    });
    socket.on('message', (message: unknown) => {
      if (ready) return client.handle(message);
      const m = (message ?? {}) as { type?: string; data?: ClientVars; accessStatus?: string; disconnect?: string };
      if (m.accessStatus) return fail(new EtherpadSocketError('deny', m.accessStatus));
      if (m.disconnect) return fail(new EtherpadSocketError('disconnect', m.disconnect));
      if (m.type === 'CLIENT_VARS' && m.data) {
        client.start(m.data);
        ready = true;
        clearTimeout(timer);
        resolve(client);
      }
    });
    socket.on('connect_error', (error: Error) => fail(new EtherpadSocketError('connect', describe(error))));
    socket.on('connect_timeout', () => fail(new EtherpadSocketError('timeout', `no socket.io connection within ${timeoutMs} ms`)));
    socket.on('error', (error: unknown) => fail(new EtherpadSocketError('connect', describe(error))));
    socket.on('disconnect', (reason: string) => fail(new EtherpadSocketError('disconnect', `transport: ${reason}`)));
  });
}

function clientReady(options: EtherpadSocketOptions, token: string, reconnect?: { rev: number }) {
  return {
    component: 'pad',
    type: 'CLIENT_READY',
    padId: options.padId,
    sessionID: options.sessionId,
    token,
    protocolVersion: 2,
    ...(options.outOfSight ? { padmeetHidden: true } : {}),
    ...(options.connection ? { padmeetConnection: options.connection } : {}),
    ...(reconnect ? { reconnect: true, client_rev: reconnect.rev } : {}),
  };
}

/** One revision a reconnecting page is sent (CLIENT_RECONNECT): `author` as the page gets it. */
export interface EtherpadReconnectRevision {
  rev: number;
  /** The page takes the revision as its own commit when this is its own author ID. */
  author: string;
}

/**
 * Reconnects as the pad page does after losing its connection at revision `rev` (CLIENT_READY with
 * `reconnect`, no CLIENT_VARS): resolves with the revisions Etherpad sends it to catch up, up to
 * the pad's head, then closes. Needs `token` or `sessionId` for the same author as before.
 */
export async function reconnectEtherpadSocket(options: EtherpadSocketOptions, rev: number): Promise<EtherpadReconnectRevision[]> {
  const io = (await import('socket.io-client')).default;
  const { url, path } = socketIoLocation(options.baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.sessionId) headers['Cookie'] = [headers['Cookie'], `sessionID=${options.sessionId}`].filter(Boolean).join('; ');
  if (options.forwardedFor) headers['X-Forwarded-For'] = options.forwardedFor;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const socket = io(url, { path, query: { padId: options.padId }, transports: options.transports ?? ['websocket'], extraHeaders: headers, forceNew: true, multiplex: false, reconnection: false, timeout: timeoutMs });
  const revisions: EtherpadReconnectRevision[] = [];
  try {
    return await new Promise<EtherpadReconnectRevision[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new EtherpadSocketError('timeout', `not caught up within ${timeoutMs} ms`)), timeoutMs);
      const settle = (error?: EtherpadSocketError) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(revisions);
      };
      socket.on('connect', () => socket.send(clientReady(options, options.token ?? randomToken(), { rev })));
      socket.on('message', (message: unknown) => {
        const m = (message ?? {}) as { type?: string; data?: { type?: string; noChanges?: boolean; newRev?: number; headRev?: number; author?: string }; accessStatus?: string; disconnect?: string };
        if (m.accessStatus) return settle(new EtherpadSocketError('deny', m.accessStatus));
        if (m.disconnect) return settle(new EtherpadSocketError('disconnect', m.disconnect));
        if (m.type !== 'COLLABROOM' || m.data?.type !== 'CLIENT_RECONNECT') return;
        if (m.data.noChanges) return settle();
        revisions.push({ rev: Number(m.data.newRev), author: String(m.data.author ?? '') });
        if (m.data.newRev === m.data.headRev) settle();
      });
      socket.on('connect_error', (error: Error) => settle(new EtherpadSocketError('connect', describe(error))));
      socket.on('disconnect', (reason: string) => settle(new EtherpadSocketError('disconnect', `transport: ${reason}`)));
    });
  } finally {
    socket.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const extra = error as Error & { description?: unknown; type?: unknown };
    // engine.io puts the cause in `description`: an Error, a ws ErrorEvent ({ message }) or a status code.
    const d = extra.description as { message?: unknown } | string | number | undefined;
    const description = d !== null && typeof d === 'object' ? String(d.message ?? '') : d;
    return [error.message, description].filter((p) => p !== undefined && p !== '').join(': ');
  }
  return String(error);
}
