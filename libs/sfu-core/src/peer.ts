import type { types } from 'mediasoup';
import {
  personColour,
  type JoinClaims,
  type MediaSource,
  type PeerInfo,
  type PersonColour,
  type SessionEndReason,
  type SignalingServerMessage,
  type TransportDirection,
} from '@padmeet/contract';
import type { Logger } from '@padmeet/util';

export interface PeerTransportAppData extends types.AppData {
  peerId: string;
  direction: TransportDirection;
}

export interface PeerProducerAppData extends types.AppData {
  peerId: string;
  source: MediaSource;
}

export interface PeerConsumerAppData extends types.AppData {
  peerId: string;
  producerPeerId: string;
  source: MediaSource;
  /** Spatial layers of the producer (simulcast encodings); 1 for a single stream. */
  spatialLayers: number;
  /** Temporal layers in each spatial layer (3 for L1T3); 1 without. */
  temporalLayers: number;
  /** The client sent resumeConsumer. */
  clientReady: boolean;
  /** The client's last view of it (setConsumerViews); visible until described. */
  visible: boolean;
  height: number | undefined;
}

/** A WebRTC transport in production; tests may attach a PlainTransport fed from Node. */
export type PeerTransport = types.WebRtcTransport<PeerTransportAppData> | types.PlainTransport<PeerTransportAppData>;
export type PeerProducer = types.Producer<PeerProducerAppData>;
export type PeerConsumer = types.Consumer<PeerConsumerAppData>;

/** The connection a peer talks through: messages, and ending it with a reason and close code. */
export interface PeerLink {
  send(message: SignalingServerMessage): void;
  end(reason: SessionEndReason, message: string, closeCode: number): void;
}

/**
 * One participant's media state inside a room: its transports, producers (at most one per
 * source) and consumers. Closing a transport closes what runs over it (mediasoup cascades);
 * closing the peer closes its transports.
 */
export class Peer {
  readonly transports = new Map<string, PeerTransport>();
  readonly producers = new Map<string, PeerProducer>();
  readonly consumers = new Map<string, PeerConsumer>();
  /** Set by `join`: the device's capabilities, needed for every consume. */
  rtpCapabilities: types.RtpCapabilities | undefined;
  /** `prepare` is creating its transports and paused consumers (the pre-join screen). */
  preparing = false;
  /** `prepare` succeeded: transports and paused consumers, not announced, no place in the room. */
  prepared = false;
  /** `join` is creating its transports: the peer already takes a place in the room. */
  joining = false;
  joined = false;
  #closed = false;

  constructor(
    readonly id: string,
    /** The latest token's claims (PeerSession.refresh keeps them current). */
    public claims: JoinClaims,
    private readonly link: PeerLink,
    readonly logger: Logger,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  get displayName(): string {
    return this.claims.name;
  }

  /** The person's colour, from the token's subject (the same on every device and in the pad and chat). */
  get colour(): PersonColour {
    return personColour(this.claims.sub);
  }

  send(message: SignalingServerMessage): void {
    if (!this.#closed) this.link.send(message);
  }

  /** Ends the peer's connection: `sessionEnded`, then the socket closes with `closeCode`. */
  end(reason: SessionEndReason, message: string, closeCode: number): void {
    this.link.end(reason, message, closeCode);
  }

  /** The peer's transport of this direction (the one `prepare` or `join` opened), if any. */
  transportOf(direction: TransportDirection): PeerTransport | undefined {
    return [...this.transports.values()].find((transport) => transport.appData.direction === direction);
  }

  producerOf(source: MediaSource): PeerProducer | undefined {
    return [...this.producers.values()].find((producer) => producer.appData.source === source);
  }

  addTransport(transport: PeerTransport): void {
    this.transports.set(transport.id, transport);
    (transport.observer as types.TransportObserver).on('close', () => this.transports.delete(transport.id));
  }

  addProducer(producer: PeerProducer): void {
    this.producers.set(producer.id, producer);
    producer.observer.on('close', () => this.producers.delete(producer.id));
  }

  addConsumer(consumer: PeerConsumer): void {
    this.consumers.set(consumer.id, consumer);
    consumer.observer.on('close', () => this.consumers.delete(consumer.id));
  }

  info(): PeerInfo {
    return {
      peerId: this.id,
      displayName: this.claims.name,
      role: this.claims.role,
      colour: this.colour,
      producers: [...this.producers.values()].map((producer) => ({
        producerId: producer.id,
        kind: producer.kind,
        source: producer.appData.source,
        paused: producer.paused,
      })),
    };
  }

  /** Closes every transport, and with them every producer and consumer. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of [...this.transports.values()]) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}
