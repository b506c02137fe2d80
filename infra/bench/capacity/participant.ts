/**
 * A synthetic participant: joins through the SFU's real signaling, sends over a plain SRTP
 * transport (encrypted here, per packet) and receives over another, counting every packet by RTP
 * sequence number per consumer, and authenticating and decrypting a sample (latency, proof of SRTP).
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { highestSentLayer, spatialLayerForHeight, type MediaSource } from '@padmeet/contract';
import { BenchSignaling, type Notification } from './signaling';
import { SrtpContext, masterLength, type BenchSrtpSuite } from './srtp';
import { StreamSender, cameraStreams, micStream, plainReceiveCapabilities, producerRtpParameters, screenStream, type StreamSpec } from './media';

export interface PeerPlan {
  /** Unique over the whole run (SSRCs derive from it). */
  index: number;
  room: string;
  speaking: boolean;
  camera: boolean;
  screen: boolean;
}

export interface PublishedProducer {
  producerId: string;
  peerIndex: number;
  source: MediaSource;
  /** The streams behind it (one, or the camera's three layers). */
  senders: StreamSender[];
  /**
   * The highest of its streams that is sent (-1: none). A video sends what the room watches, as the
   * room page's does (the SFU's `videoDemand`): nothing while no one watches, of a camera only the
   * layers up to the highest one received; a camera starts on its lowest layer. Audio: its one stream.
   */
  maxLayer: number;
}

/** What a consumer forwards, as far as this participant knows: it changes the packets it is offered. */
export interface ConsumerState {
  /** The spatial layer the SFU says it forwards (consumerLayersChanged), when it said so. */
  spatialLayer: number | null;
  /** The temporal layer the SFU says it forwards with it (consumerLayersChanged), when it said so. */
  temporalLayer: number | null;
  /** The layer the tile's height asks for (setConsumerViews). */
  plannedLayer: number;
  paused: boolean;
}

/**
 * What one consumer of this participant received, by sequence number, within the measuring window,
 * and what it was offered: the packets its producer's sender sent, within the window, on the stream
 * and temporal layers the consumer forwarded at the time. The window is cut into spans at every
 * change of those (a layers notification, a pause or resume); each span counts the sender's packets
 * of the stream it forwards with TID ≤ its temporal layer, a paused span nothing. A change counts from
 * when its notification arrives here, not from when the SFU made it. Until the SFU names a layer,
 * the tile's planned spatial layer and every temporal layer count (the most that can be offered).
 */
export class ConsumerCount implements ConsumerState {
  ssrc = 0;
  received = 0;
  bytes = 0;
  /** Extended sequence numbers seen in the window. */
  first = -1;
  highest = -1;
  spatialLayer: number | null = null;
  temporalLayer: number | null = null;
  plannedLayer = 0;
  paused = true;
  /** Offered in the window's closed spans. */
  #offered = 0;
  /** The offered counter when the open span began; undefined outside the window. */
  #spanFrom: number | undefined;

  constructor(
    readonly consumerId: string,
    readonly producer: PublishedProducer,
    readonly kind: 'audio' | 'video',
  ) {}

  record(seq: number, length: number): void {
    this.received += 1;
    this.bytes += length;
    if (this.highest < 0) {
      this.first = seq;
      this.highest = seq;
      return;
    }
    const last = this.highest & 0xffff;
    let delta = seq - last;
    if (delta < -0x8000) delta += 0x10000;
    else if (delta > 0x8000) delta -= 0x10000;
    const extended = this.highest + delta;
    if (extended > this.highest) this.highest = extended;
    if (extended < this.first) this.first = extended;
  }

  /** Packets the seq range says were sent to this consumer in the window. */
  expected(): number {
    return this.highest < 0 ? 0 : this.highest - this.first + 1;
  }

  /** The sender stream this consumer forwards (camera: its current layer). */
  stream(): StreamSender | undefined {
    if (this.producer.senders.length === 1) return this.producer.senders[0];
    return this.producer.senders[this.spatialLayer ?? this.plannedLayer];
  }

  /** Packets sent so far on what this consumer forwards now (its stream's, up to its temporal layer); 0 while paused. */
  #offeredCounter(): number {
    const stream = this.stream();
    if (this.paused || !stream) return 0;
    return stream.packetsUpTo(this.temporalLayer ?? Number.MAX_SAFE_INTEGER);
  }

  /** Applies a change of what it forwards; within the window, the span so far is counted first. */
  update(change: Partial<ConsumerState>): void {
    if (this.#spanFrom !== undefined) this.#offered += Math.max(0, this.#offeredCounter() - this.#spanFrom);
    Object.assign(this, change);
    if (this.#spanFrom !== undefined) this.#spanFrom = this.#offeredCounter();
  }

  openWindow(): void {
    this.received = 0;
    this.bytes = 0;
    this.first = -1;
    this.highest = -1;
    this.#offered = 0;
    this.#spanFrom = this.#offeredCounter();
  }

  /** Ends the window's offered count (the senders' side; what arrives afterwards still counts as received). */
  closeWindow(): void {
    this.update({});
    this.#spanFrom = undefined;
  }

  /** Packets offered to this consumer in the window (after closeWindow: the whole window). */
  get offered(): number {
    return this.#offered;
  }
}

export interface ReceiveTotals {
  packets: number;
  bytes: number;
  rtcp: number;
  unknownSsrc: number;
  sampled: number;
  authFailures: number;
  latenciesMs: number[];
}


export class SyntheticPeer {
  peerId = '';
  readonly producers: PublishedProducer[] = [];
  /** `videoDemand` by producer id (it may come before the producer's answer). */
  readonly #demand = new Map<string, { wanted: boolean; spatialLayer?: number }>();
  readonly consumers = new Map<string, ConsumerCount>();
  readonly #bySsrc = new Map<number, ConsumerCount>();
  readonly totals: ReceiveTotals = { packets: 0, bytes: 0, rtcp: 0, unknownSsrc: 0, sampled: 0, authFailures: 0, latenciesMs: [] };
  /** Producers of the room announced after this peer joined. */
  readonly announced: Array<{ peerId: string; producerId: string; source: MediaSource }> = [];
  sendTo: { ip: string; port: number } = { ip: '127.0.0.1', port: 0 };
  sendSrtp: SrtpContext | undefined;
  #recvSocket: Socket | undefined;
  /** This participant counts what it receives (see `discardPort`). */
  get observes(): boolean {
    return this.#recvSocket !== undefined;
  }

  /** The local port the SFU sends this participant's media to. */
  get receivePort(): number {
    return this.#recvSocket ? (this.#recvSocket.address() as AddressInfo).port : 0;
  }
  #recvSrtp: SrtpContext | undefined;
  #sampleEvery = 20;
  #sampleCounter = 0;

  private constructor(
    readonly plan: PeerPlan,
    readonly signaling: BenchSignaling,
  ) {
    signaling.onNotification = (message) => this.#notified(message);
  }

  static async join(options: {
    plan: PeerPlan;
    sfuUrl: string;
    token: string;
    origin: string;
    suite: BenchSrtpSuite;
    sampleEvery: number;
    /**
     * Where the SFU sends this participant's media when it is not an observer: a socket nobody reads
     * (the SFU does the same work; the kernel drops the packets). Absent: this participant counts.
     */
    discardPort?: number;
  }): Promise<SyntheticPeer> {
    const signaling = await BenchSignaling.open(options.sfuUrl, options.token, options.origin);
    const peer = new SyntheticPeer(options.plan, signaling);
    peer.#sampleEvery = options.sampleEvery;
    const { rtpCapabilities } = await signaling.request('getRouterRtpCapabilities', {});
    const joined = await signaling.request('join', { rtpCapabilities: plainReceiveCapabilities(rtpCapabilities), transports: [] });
    peer.peerId = joined.peerId;
    for (const other of joined.peers) for (const producer of other.producers) peer.announced.push({ peerId: other.peerId, ...producer });

    const keyLength = masterLength(options.suite);
    // Send: the SFU learns our address from the first packet and decrypts with our key.
    const send = await signaling.request('createPlainTransport', { direction: 'send', cryptoSuite: options.suite });
    const sendKey = randomBytes(keyLength).toString('base64');
    await signaling.request('connectPlainTransport', { transportId: send.transportId, srtpParameters: { cryptoSuite: options.suite, keyBase64: sendKey } });
    peer.sendTo = { ip: send.ip, port: send.port };
    peer.sendSrtp = new SrtpContext(options.suite, sendKey);

    // Receive: the SFU encrypts with its key and sends to our socket.
    const recv = await signaling.request('createPlainTransport', { direction: 'recv', cryptoSuite: options.suite });
    peer.#recvSrtp = new SrtpContext(options.suite, recv.srtpParameters.keyBase64);
    peer.#recvTransportId = recv.transportId;
    peer.#sendTransportId = send.transportId;
    if (options.discardPort !== undefined) {
      await signaling.request('connectPlainTransport', {
        transportId: recv.transportId,
        ip: '127.0.0.1',
        port: options.discardPort,
        srtpParameters: { cryptoSuite: options.suite, keyBase64: randomBytes(keyLength).toString('base64') },
      });
      return peer;
    }
    const socket = createSocket('udp4');
    peer.#recvSocket = socket;
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    try {
      socket.setRecvBufferSize(4 * 1024 * 1024);
    } catch {
      // The kernel's rmem_max caps it; the default buffer still works.
    }
    socket.on('message', (packet) => peer.#received(packet));
    await signaling.request('connectPlainTransport', {
      transportId: recv.transportId,
      ip: '127.0.0.1',
      port: (socket.address() as AddressInfo).port,
      srtpParameters: { cryptoSuite: options.suite, keyBase64: randomBytes(keyLength).toString('base64') },
    });
    peer.#recvTransportId = recv.transportId;
    peer.#sendTransportId = send.transportId;
    return peer;
  }

  #recvTransportId = '';
  #sendTransportId = '';

  /** Publishes the microphone (paused when muted, as the room page joins muted), the camera and maybe a screen. */
  async publish(startAt: number): Promise<void> {
    const base = 1_000_000 + this.plan.index * 16;
    const add = async (source: MediaSource, kind: 'audio' | 'video', specs: StreamSpec[], paused: boolean, speaking = true) => {
      const senders = specs.map((spec) => new StreamSender(spec, startAt + Math.random() * 33, speaking));
      const { producerId } = await this.signaling.request('produce', {
        transportId: this.#sendTransportId,
        kind,
        source,
        rtpParameters: producerRtpParameters(kind, specs, `peer-${this.plan.index}`),
        paused,
      });
      this.producers.push({ producerId, peerIndex: this.plan.index, source, senders, maxLayer: highestSentLayer(senders.length, this.#demand.get(producerId)) });
    };
    await add('mic', 'audio', [micStream(base)], !this.plan.speaking, this.plan.speaking);
    if (this.plan.camera) await add('camera', 'video', cameraStreams(base + 1), false);
    if (this.plan.screen) await add('screen', 'video', [screenStream(base + 4)], false);
  }

  /** Consumes each given producer (resumed at once, as the room page does once its side is ready). */
  async consume(producers: PublishedProducer[]): Promise<void> {
    // Up to 16 in flight per connection (the SFU answers them in order; it queues at most 64).
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(16, producers.length) }, async () => {
      while (next < producers.length) await this.#consumeOne(producers[next++] as PublishedProducer);
    }));
  }

  async #consumeOne(producer: PublishedProducer): Promise<void> {
    {
      const info = await this.signaling.request('consume', { transportId: this.#recvTransportId, producerId: producer.producerId });
      const count = new ConsumerCount(info.consumerId, producer, info.kind);
      const encodings = (info.rtpParameters as { encodings?: Array<{ ssrc?: number }> }).encodings ?? [];
      count.ssrc = encodings[0]?.ssrc ?? 0;
      count.update({ paused: info.producerPaused });
      this.consumers.set(info.consumerId, count);
      this.#bySsrc.set(count.ssrc, count);
      await this.signaling.request('resumeConsumer', { consumerId: info.consumerId });
    }
  }

  /** Tiles as the room page reports them: visible ones with their height, the rest hidden (paused by the SFU). */
  async setViews(views: Array<{ consumerId: string; visible: boolean; height: number }>): Promise<void> {
    for (let start = 0; start < views.length; start += 200) {
      const batch = views.slice(start, start + 200).map((view) => ({ ...view, width: Math.round((view.height * 16) / 9) }));
      await this.signaling.request('setConsumerViews', { views: batch });
    }
    for (const view of views) {
      const count = this.consumers.get(view.consumerId);
      if (!count) continue;
      count.update({ plannedLayer: spatialLayerForHeight(view.height), ...(view.visible ? {} : { paused: true }) });
    }
  }

  #notified(message: Notification): void {
    if (message.type === 'videoDemand') {
      const demand = { wanted: message.wanted, spatialLayer: message.spatialLayer };
      this.#demand.set(message.producerId, demand);
      const producer = this.producers.find((candidate) => candidate.producerId === message.producerId);
      if (producer) producer.maxLayer = highestSentLayer(producer.senders.length, demand);
    } else if (message.type === 'newProducer') this.announced.push({ peerId: message.peerId, producerId: message.producerId, source: message.source });
    else if (message.type === 'consumerLayersChanged') {
      const count = this.consumers.get(message.consumerId);
      count?.update({ spatialLayer: message.spatialLayer, temporalLayer: message.temporalLayer });
    } else if (message.type === 'consumerPaused' || message.type === 'consumerResumed') {
      const count = this.consumers.get(message.consumerId);
      count?.update({ paused: message.type === 'consumerPaused' });
    }
  }

  #received(packet: Buffer): void {
    const second = packet[1] ?? 0;
    if (second >= 192 && second <= 223) {
      this.totals.rtcp += 1;
      return;
    }
    this.totals.packets += 1;
    this.totals.bytes += packet.length;
    const count = this.#bySsrc.get(packet.readUInt32BE(8));
    if (!count) {
      this.totals.unknownSsrc += 1;
      return;
    }
    count.record(packet.readUInt16BE(2), packet.length);
    this.#sampleCounter += 1;
    if (this.#sampleCounter % this.#sampleEvery !== 0 || !this.#recvSrtp) return;
    const clear = this.#recvSrtp.unprotectRtp(packet);
    this.totals.sampled += 1;
    if (!clear) {
      this.totals.authFailures += 1;
      return;
    }
    this.totals.latenciesMs.push(performance.now() - clear.readDoubleBE(clear.length - 8));
  }

  openWindow(): void {
    Object.assign(this.totals, { packets: 0, bytes: 0, rtcp: 0, unknownSsrc: 0, sampled: 0, authFailures: 0, latenciesMs: [] });
    for (const count of this.consumers.values()) count.openWindow();
  }

  close(): void {
    this.signaling.close();
    this.#recvSocket?.close();
  }
}
