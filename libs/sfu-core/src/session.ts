import { randomUUID } from 'node:crypto';
import { SFU_CLOSE_CODES, type JoinClaims } from '@padmeet/contract';
import { AppError, type Logger } from '@padmeet/util';
import type { ConnectionLimits } from './connection-limits';
import { Peer, type PeerLink } from './peer';
import type { Room } from './room';
import type { RoomRegistry } from './room-registry';
import type { AttendanceReporter } from './attendance-reporter';

/** setTimeout's longest delay; a later expiry re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface PeerSessionOptions {
  claims: JoinClaims;
  registry: RoomRegistry;
  limits: ConnectionLimits;
  link: PeerLink;
  logger: Logger;
  now?: () => number;
  /** Leaves of joined connections told to the web app (attendance). */
  attendance?: AttendanceReporter;
}

/**
 * One signaling connection: the verified claims of its token and, once it has touched its
 * room, the Peer it owns there. The room always comes from the token. The connection ends when
 * its token expires, unless `refresh` moved the expiry first.
 */
export class PeerSession {
  readonly link: PeerLink;
  readonly logger: Logger;
  #claims: JoinClaims;
  #room: Room | undefined;
  #peer: Peer | undefined;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;
  readonly #registry: RoomRegistry;
  readonly #limits: ConnectionLimits;
  readonly #now: () => number;
  readonly #attendance: AttendanceReporter | undefined;

  constructor(options: PeerSessionOptions) {
    this.#claims = options.claims;
    this.#registry = options.registry;
    this.#limits = options.limits;
    this.link = options.link;
    this.logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#attendance = options.attendance;
    this.#armExpiry();
  }

  /** The claims of the latest token (the first one, or the last `refreshToken`). */
  get claims(): JoinClaims {
    return this.#claims;
  }

  /** When the connection ends unless refreshed (ms since epoch). */
  get expiresAt(): number {
    return this.#claims.exp * 1000;
  }

  /** The room and this connection's (not yet joined) peer in it, attaching on first use. */
  async attach(): Promise<{ room: Room; peer: Peer }> {
    if (this.#room && this.#peer && !this.#room.closed && !this.#peer.closed) return { room: this.#room, peer: this.#peer };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const room = await this.#registry.getOrCreate(this.#claims.room);
      if (room.closed) continue;
      if (this.#disposed) throw new AppError('CONFLICT', { userMessage: 'The connection closed.' });
      const peerId = randomUUID();
      const peer = new Peer(peerId, this.#claims, this.link, this.logger.child({ roomId: room.id, peerId }));
      room.attach(peer);
      this.#room = room;
      this.#peer = peer;
      return { room, peer };
    }
    throw new AppError('UNAVAILABLE', { userMessage: 'The room could not be opened; try again.' });
  }

  /** The room and peer after a successful `join`; a clear error otherwise. */
  joined(action: string): { room: Room; peer: Peer } {
    const room = this.#room;
    const peer = this.#peer;
    if (!room || !peer || room.closed || peer.closed || !peer.joined) {
      throw new AppError('CONFLICT', { userMessage: `Send "join" before "${action}".` });
    }
    return { room, peer };
  }

  /**
   * The room and peer after `prepare` or `join`: what the pre-join may already do with its
   * transports (connect them, restart ICE, close a consumer); a clear error otherwise.
   */
  prepared(action: string): { room: Room; peer: Peer } {
    const room = this.#room;
    const peer = this.#peer;
    if (!room || !peer || room.closed || peer.closed || !(peer.joined || peer.prepared)) {
      throw new AppError('CONFLICT', { userMessage: `Send "prepare" or "join" before "${action}".` });
    }
    return { room, peer };
  }

  /** Takes a place among the connections of this token and subject, or refuses (connection-limit). */
  admit(): void {
    this.#limits.admit(this.#claims, this);
  }

  /** Gives the place taken by `admit` back (a join that failed after admission). */
  release(): void {
    this.#limits.release(this);
  }

  /** A newer token of the same room and subject (checked by the caller) moves the expiry. */
  refresh(claims: JoinClaims): void {
    this.#claims = claims;
    if (this.#peer) this.#peer.claims = claims;
    this.#armExpiry();
  }

  /** Leaves the room (socket closed or `leave`); the last one out closes it. */
  leave(): void {
    const room = this.#room;
    const peer = this.#peer;
    this.#room = undefined;
    this.#peer = undefined;
    this.#limits.release(this);
    if (peer?.joined) this.#attendance?.left(peer.id);
    if (room && peer) room.removePeer(peer.id);
  }

  /** The socket closed: leave and stop the expiry timer. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#expiryTimer);
    this.leave();
  }

  #armExpiry(): void {
    clearTimeout(this.#expiryTimer);
    if (this.#disposed) return;
    const remaining = this.expiresAt - this.#now();
    this.#expiryTimer = setTimeout(
      () => {
        if (this.expiresAt > this.#now()) return this.#armExpiry();
        this.logger.info('join token expired without a refresh; ending the connection');
        this.link.end('token-expired', 'Your join token expired; reload the room page to join again.', SFU_CLOSE_CODES.tokenExpired);
      },
      Math.min(Math.max(0, remaining), MAX_TIMER_MS),
    );
    this.#expiryTimer.unref?.();
  }
}
