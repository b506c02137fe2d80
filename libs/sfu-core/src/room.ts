import type { types } from 'mediasoup';
import type { SignalingServerMessage } from '@padmeet/contract';
import type { Logger } from '@padmeet/util';
import type { Peer } from './peer';

/**
 * A meeting room on the SFU: one Router on one worker and the peers attached
 * to it. The room closes when its last peer leaves, or with its worker.
 */
export class Room {
  readonly peers = new Map<string, Peer>();
  #closed = false;
  readonly #closeListeners = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly router: types.Router,
    readonly logger: Logger,
  ) {
    router.observer.on('close', () => this.close('The media server restarted; rejoin the room.'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  onClose(listener: () => void): void {
    this.#closeListeners.add(listener);
  }

  attach(peer: Peer): void {
    if (this.#closed) throw new Error(`room ${this.id} is closed`);
    this.peers.set(peer.id, peer);
  }

  /** Peers that completed `join`, optionally without one of them. */
  joinedPeers(exceptPeerId?: string): Peer[] {
    return [...this.peers.values()].filter((peer) => peer.joined && !peer.closed && peer.id !== exceptPeerId);
  }

  broadcast(message: SignalingServerMessage, exceptPeerId?: string): void {
    for (const peer of this.joinedPeers(exceptPeerId)) peer.send(message);
  }

  /** Finds a producer of any peer in this room. */
  findProducer(producerId: string): { peer: Peer; producer: types.Producer } | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return { peer, producer };
    }
    return undefined;
  }

  /** Closes the peer, tells the others it left, and closes the room when it was the last. */
  removePeer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    const wasJoined = peer.joined;
    peer.close();
    if (wasJoined) this.broadcast({ type: 'peerLeft', peerId });
    if (this.peers.size === 0) this.close();
  }

  /** With a reason, still-attached peers are told the room ended under them. */
  close(reason?: string): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.peers.values()) {
      if (reason) peer.send({ type: 'roomClosed', reason });
      peer.close();
    }
    this.peers.clear();
    if (!this.router.closed) this.router.close();
    this.logger.info({ reason }, 'room closed');
    for (const listener of this.#closeListeners) listener();
  }
}
