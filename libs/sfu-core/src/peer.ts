import type { types } from 'mediasoup';
import type { JoinClaims, PeerInfo, SignalingServerMessage, TransportDirection } from '@padmeet/contract';
import type { Logger } from '@padmeet/util';

export interface PeerTransportAppData extends types.AppData {
  peerId: string;
  direction: TransportDirection;
}

/**
 * One participant's media state inside a room: its transports, producers and
 * consumers. Closing a transport closes what runs over it (mediasoup cascades);
 * closing the peer closes its transports.
 */
export class Peer {
  readonly transports = new Map<string, types.WebRtcTransport<PeerTransportAppData>>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  /** Set by `join`: the device's capabilities, needed for every consume. */
  rtpCapabilities: types.RtpCapabilities | undefined;
  joined = false;
  #closed = false;

  constructor(
    readonly id: string,
    readonly claims: JoinClaims,
    private readonly sendMessage: (message: SignalingServerMessage) => void,
    readonly logger: Logger,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  get displayName(): string {
    return this.claims.name;
  }

  send(message: SignalingServerMessage): void {
    if (!this.#closed) this.sendMessage(message);
  }

  addTransport(transport: types.WebRtcTransport<PeerTransportAppData>): void {
    this.transports.set(transport.id, transport);
    transport.observer.on('close', () => this.transports.delete(transport.id));
  }

  addProducer(producer: types.Producer): void {
    this.producers.set(producer.id, producer);
    producer.observer.on('close', () => this.producers.delete(producer.id));
  }

  addConsumer(consumer: types.Consumer): void {
    this.consumers.set(consumer.id, consumer);
    consumer.observer.on('close', () => this.consumers.delete(consumer.id));
  }

  info(): PeerInfo {
    return {
      peerId: this.id,
      displayName: this.claims.name,
      role: this.claims.role,
      producers: [...this.producers.values()].map((producer) => ({
        producerId: producer.id,
        kind: producer.kind,
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
