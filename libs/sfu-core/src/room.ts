import type { types } from 'mediasoup';
import { SFU_CLOSE_CODES, type SessionEndReason, type SignalingServerMessage } from '@padmeet/contract';
import type { Logger } from '@padmeet/util';
import type { Peer, PeerProducer } from './peer';
import { RoomSpread, type RoomRouter, type RoomSpreadOptions } from './room-spread';
import { UNWATCHED, VideoDemand } from './video-demand';

/** What a room runs on: its Router, the worker's WebRtcServer, and the room's speaker detector. */
export interface RoomMedia {
  router: types.Router;
  webRtcServer: types.WebRtcServer;
  speakerObserver: types.ActiveSpeakerObserver;
  /** The worker process the Router runs in (logs, metrics, tests). */
  workerPid?: number;
}

/**
 * A meeting room on the SFU: one Router on one worker, the peers attached to it, and who speaks
 * (an ActiveSpeakerObserver over every microphone). The room closes when its last peer leaves,
 * or with its worker.
 */
export class Room {
  readonly peers = new Map<string, Peer>();
  readonly router: types.Router;
  readonly webRtcServer: types.WebRtcServer;
  readonly speakerObserver: types.ActiveSpeakerObserver;
  readonly workerPid: number | undefined;
  #closed = false;
  #speaker: { peerId: string; producerId: string } | undefined;
  readonly #closeListeners = new Set<() => void>();
  /** Set when rooms may grow onto more workers (room-spread.ts). */
  readonly #spread: RoomSpread | undefined;
  /** Who watches each video producer: its sender stops encoding what no one sees (video-demand.ts). */
  readonly videoDemand: VideoDemand;

  constructor(
    readonly id: string,
    media: RoomMedia,
    readonly logger: Logger,
    spread?: RoomSpreadOptions,
  ) {
    this.videoDemand = new VideoDemand((producerId, layer) =>
      this.findProducer(producerId)?.peer.send(
        layer === UNWATCHED ? { type: 'videoDemand', producerId, wanted: false } : { type: 'videoDemand', producerId, wanted: true, spatialLayer: layer },
      ),
    );
    this.router = media.router;
    this.webRtcServer = media.webRtcServer;
    this.speakerObserver = media.speakerObserver;
    this.workerPid = media.workerPid;
    this.#spread = spread
      ? new RoomSpread(
          { router: this.router, webRtcServer: this.webRtcServer, workerPid: media.workerPid ?? 0 },
          spread,
          () => [...this.peers.values()].flatMap((peer) => [...peer.producers.values()]),
          () => this.close('The media server restarted; rejoin the room.'),
          logger,
        )
      : undefined;
    this.router.observer.on('close', () => this.close('The media server restarted; rejoin the room.'));
    this.speakerObserver.on('dominantspeaker', ({ producer }) => this.#setSpeaker(producer as PeerProducer));
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The peer speaking now (the last dominant speaker whose microphone is still there). */
  get activeSpeakerPeerId(): string | null {
    return this.#speaker?.peerId ?? null;
  }

  // ---- spreading over workers (room-spread.ts); without it, every peer is on the room's router.

  /** The router (and WebRtcServer) a peer's transports and consumers live on. */
  mediaOf(peer: Peer): Pick<RoomRouter, 'router' | 'webRtcServer'> {
    return this.#spread?.mediaOf(peer.id) ?? this;
  }

  /** Chooses the peer's router before its first transport (another worker's when this one is full). */
  async placePeer(peer: Peer): Promise<Pick<RoomRouter, 'router' | 'webRtcServer'>> {
    return this.#spread ? this.#spread.place(peer.id) : this;
  }

  /** Makes a new producer consumable from every router of the room. */
  async pipeProducer(producer: PeerProducer): Promise<void> {
    await this.#spread?.pipe(producer);
  }

  /** The routers carrying this room (one unless spread). */
  routers(): Array<Pick<RoomRouter, 'router' | 'workerPid'> & { peers: number }> {
    if (!this.#spread) return [{ router: this.router, workerPid: this.workerPid ?? 0, peers: this.joinedPeers().length }];
    return this.#spread.routers.map((entry) => ({ router: entry.router, workerPid: entry.workerPid, peers: entry.peers.size }));
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

  /**
   * The people in the room, by subject: joined peers and peers in the middle of `join`. Capacity
   * counts people, so a person's second connection (another tab, a reconnect overlapping the old
   * socket) takes no second place.
   */
  occupants(): Set<string> {
    const subjects = [...this.peers.values()].filter((peer) => (peer.joined || peer.joining) && !peer.closed).map((peer) => peer.claims.sub);
    return new Set(subjects);
  }

  broadcast(message: SignalingServerMessage, exceptPeerId?: string): void {
    for (const peer of this.joinedPeers(exceptPeerId)) peer.send(message);
  }

  /** Finds a producer of any peer in this room. */
  findProducer(producerId: string): { peer: Peer; producer: PeerProducer } | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return { peer, producer };
    }
    return undefined;
  }

  /**
   * Makes a microphone a candidate for the active speaker. When the current speaker's
   * microphone closes, everyone is told there is none until the observer names the next.
   */
  async addSpeakerCandidate(producer: PeerProducer): Promise<void> {
    producer.observer.on('close', () => {
      if (this.#speaker?.producerId !== producer.id || this.#closed) return;
      this.#speaker = undefined;
      this.broadcast({ type: 'activeSpeaker', peerId: null });
    });
    if (this.speakerObserver.closed || producer.closed) return;
    await this.speakerObserver.addProducer({ producerId: producer.id });
  }

  #setSpeaker(producer: PeerProducer): void {
    if (this.#closed || producer.closed) return;
    const peerId = producer.appData.peerId;
    if (this.#speaker?.producerId === producer.id) return;
    const changed = this.#speaker?.peerId !== peerId;
    this.#speaker = { peerId, producerId: producer.id };
    if (changed) this.broadcast({ type: 'activeSpeaker', peerId });
  }

  /** Closes the peer, tells the others it left, and closes the room when it was the last. */
  removePeer(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    this.#spread?.release(peerId);
    const wasJoined = peer.joined;
    peer.close();
    if (wasJoined) this.broadcast({ type: 'peerLeft', peerId });
    if (this.peers.size === 0) this.close();
  }

  /**
   * With a reason, the room ended under its peers: each gets `roomClosed` and `sessionEnded`,
   * then its socket closes with SFU_CLOSE_CODES.roomClosed (the client reconnects and rejoins).
   */
  close(reason?: string, endReason: SessionEndReason = 'room-closed'): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.peers.values()) {
      if (reason) {
        peer.send({ type: 'roomClosed', reason });
        peer.end(endReason, reason, SFU_CLOSE_CODES.roomClosed);
      }
      peer.close();
    }
    this.peers.clear();
    this.videoDemand.close();
    this.#spread?.close();
    if (!this.router.closed) this.router.close();
    this.logger.info({ reason }, 'room closed');
    for (const listener of this.#closeListeners) listener();
  }
}
