import type { types } from 'mediasoup';
import type { Logger } from '@padmeet/util';
import { ROUTER_MEDIA_CODECS } from './config';
import type { PeerProducer } from './peer';
import type { MediaWorker } from './worker-pool';

/** When and where a room grows onto more workers than its first. */
export interface RoomSpreadOptions {
  /** A router takes at most this many peers; the next peer goes to a router on another worker. */
  peersPerRouter: number;
  /** The live workers of the pool (a new router goes to one that carries none of this room's yet). */
  workers: () => MediaWorker[];
  mediaCodecs?: types.RtpCodecCapability[];
}

/** One of a room's routers: the peers placed on it and the producers present on it (own or piped). */
export interface RoomRouter {
  router: types.Router;
  webRtcServer: types.WebRtcServer;
  workerPid: number;
  peers: Set<string>;
  producers: Set<string>;
}

/**
 * A room larger than one worker holds: its peers are spread over routers on several workers, and
 * every producer is piped (`pipeToRouter`) to each of the room's other routers, so a peer consumes
 * everything from its own router. The first router is the room's own (its ActiveSpeakerObserver
 * sees every microphone through the pipes). Placing peers, piping and opening routers run one at
 * a time, so a router opened meanwhile never misses a producer.
 */
export class RoomSpread {
  readonly routers: RoomRouter[];
  readonly #placement = new Map<string, RoomRouter>();
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(
    main: { router: types.Router; webRtcServer: types.WebRtcServer; workerPid: number },
    private readonly options: RoomSpreadOptions,
    /** The room's producers now (every peer's), for piping into a router opened later. */
    private readonly producers: () => PeerProducer[],
    /** A router of the room other than the first closed (its worker died): the room must end. */
    private readonly onRouterLost: () => void,
    private readonly logger: Logger,
  ) {
    this.routers = [{ ...main, peers: new Set(), producers: new Set() }];
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task, task);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** The router of a peer placed before, else the room's first. */
  mediaOf(peerId: string): RoomRouter {
    return this.#placement.get(peerId) ?? (this.routers[0] as RoomRouter);
  }

  /** Places the peer on a router (once): the first with room, else a new one on another worker. */
  place(peerId: string): Promise<RoomRouter> {
    const placed = this.#placement.get(peerId);
    if (placed) return Promise.resolve(placed);
    return this.#serial(async () => {
      const again = this.#placement.get(peerId);
      if (again) return again;
      const target = this.routers.find((entry) => entry.peers.size < this.options.peersPerRouter) ?? (await this.#open()) ?? this.#leastLoaded();
      target.peers.add(peerId);
      this.#placement.set(peerId, target);
      return target;
    });
  }

  release(peerId: string): void {
    this.#placement.get(peerId)?.peers.delete(peerId);
    this.#placement.delete(peerId);
  }

  /** Makes a new producer present on every router of the room (before anyone is told of it). */
  pipe(producer: PeerProducer): Promise<void> {
    return this.#serial(async () => {
      const home = this.mediaOf(producer.appData.peerId);
      home.producers.add(producer.id);
      for (const entry of this.routers) if (entry !== home) await this.#pipeInto(producer, home, entry);
    });
  }

  async #pipeInto(producer: PeerProducer, home: RoomRouter, target: RoomRouter): Promise<void> {
    if (producer.closed || target.producers.has(producer.id) || target.router.closed) return;
    await home.router.pipeToRouter({ producerId: producer.id, router: target.router });
    target.producers.add(producer.id);
    producer.observer.once('close', () => target.producers.delete(producer.id));
  }

  #leastLoaded(): RoomRouter {
    return this.routers.reduce((best, entry) => (entry.peers.size < best.peers.size ? entry : best));
  }

  /** A router on a live worker that carries none of this room's, with every producer piped in; none when there is no such worker. */
  async #open(): Promise<RoomRouter | undefined> {
    if (this.#closed) return undefined;
    const used = new Set(this.routers.map((entry) => entry.workerPid));
    const free = this.options.workers().find((entry) => !used.has(entry.worker.pid));
    if (!free) return undefined;
    const router = await free.worker.createRouter({ mediaCodecs: this.options.mediaCodecs ?? ROUTER_MEDIA_CODECS });
    const entry: RoomRouter = { router, webRtcServer: free.webRtcServer, workerPid: free.worker.pid, peers: new Set(), producers: new Set() };
    this.routers.push(entry);
    router.observer.once('close', () => {
      if (!this.#closed) this.onRouterLost();
    });
    for (const producer of this.producers()) await this.#pipeInto(producer, this.mediaOf(producer.appData.peerId), entry);
    this.logger.info({ workerPid: free.worker.pid, routers: this.routers.length }, 'room spread onto another worker');
    return entry;
  }

  /** Closes the routers beyond the first (the room closes its own). */
  close(): void {
    this.#closed = true;
    for (const entry of this.routers.slice(1)) if (!entry.router.closed) entry.router.close();
  }
}
