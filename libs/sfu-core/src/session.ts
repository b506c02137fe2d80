import { randomUUID } from 'node:crypto';
import type { JoinClaims, SignalingServerMessage } from '@padmeet/contract';
import { AppError, type Logger } from '@padmeet/util';
import { Peer } from './peer';
import type { Room } from './room';
import type { RoomRegistry } from './room-registry';

/**
 * One signaling connection: the verified claims of its token and, once it has
 * touched its room, the Peer it owns there. The room always comes from the token.
 */
export class PeerSession {
  #room: Room | undefined;
  #peer: Peer | undefined;

  constructor(
    readonly claims: JoinClaims,
    private readonly registry: RoomRegistry,
    readonly send: (message: SignalingServerMessage) => void,
    readonly logger: Logger,
  ) {}

  /** The room and this connection's (not yet joined) peer in it, attaching on first use. */
  async attach(): Promise<{ room: Room; peer: Peer }> {
    if (this.#room && this.#peer && !this.#room.closed && !this.#peer.closed) return { room: this.#room, peer: this.#peer };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const room = await this.registry.getOrCreate(this.claims.room);
      if (room.closed) continue;
      const peerId = randomUUID();
      const peer = new Peer(peerId, this.claims, this.send, this.logger.child({ roomId: room.id, peerId }));
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

  /** Leaves the room (socket closed or `leave`); the last one out closes it. */
  leave(): void {
    const room = this.#room;
    const peer = this.#peer;
    this.#room = undefined;
    this.#peer = undefined;
    if (room && peer) room.removePeer(peer.id);
  }
}
