import { Device, type types } from 'mediasoup-client';
import type { PeerInfo, ProducerInfo, SignalingNotification } from '@padmeet/contract';
import { isJoinTokenExpired } from './join-token-expiry';
import { SignalingClient, sfuSocketUrl } from './signaling-client';

export type MediaStatus = 'connecting' | 'live' | 'reconnecting' | 'failed' | 'closed';

export interface RemotePeerView {
  peerId: string;
  displayName: string;
  videoTrack: MediaStreamTrack | undefined;
  audioTrack: MediaStreamTrack | undefined;
  /** RTCStats of the video consumer, while there is one. */
  getVideoStats: (() => Promise<RTCStatsReport>) | undefined;
}

export interface MediaSessionState {
  status: MediaStatus;
  /** What is going on, in words (connection). */
  message: string;
  /** A problem that does not stop the session (camera blocked, receive-only...). */
  notice: string | undefined;
  localStream: MediaStream | undefined;
  remotes: RemotePeerView[];
  micOn: boolean;
  camOn: boolean;
}

export interface MediaSessionOptions {
  sfuUrl: string;
  token: string;
  onChange: (state: MediaSessionState) => void;
  /** For tests; defaults to the browser's. */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 10_000];
const EXPIRED_MESSAGE = 'Your join link has expired; reload the page to get a new one.';

export function describeMediaError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Camera blocked — allow camera and microphone for this site, then reload. You can still see and hear the others.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera or microphone found. You can still see and hear the others.';
  if (name === 'NotReadableError') return 'Camera or microphone is in use by another application.';
  return `Camera and microphone unavailable (${error instanceof Error ? error.message : String(error)}).`;
}

interface Connection {
  client: SignalingClient;
  device?: Device;
  send?: types.Transport;
  recv?: types.Transport;
  producers: Map<'audio' | 'video', types.Producer>;
  consumers: Map<string, { consumer: types.Consumer; peerId: string }>;
  /** Producers announced before the receive transport existed. */
  waiting: Array<{ peerId: string; producer: ProducerInfo }>;
  /** Notifications that arrived while `join` was in flight. */
  buffered: SignalingNotification[] | undefined;
}

/**
 * The browser side of a room's media: camera and microphone, the signaling
 * connection, one send and one receive transport, a consumer per remote
 * producer. Reconnects with back-off; state changes are pushed to `onChange`.
 */
export class MediaSession {
  #state: MediaSessionState = {
    status: 'connecting',
    message: 'Connecting to the media server…',
    notice: undefined,
    localStream: undefined,
    remotes: [],
    micOn: true,
    camOn: true,
  };
  readonly #remotes = new Map<string, RemotePeerView>();
  #connection: Connection | undefined;
  #closed = false;
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #local: Promise<MediaStream | undefined> | undefined;

  constructor(private readonly options: MediaSessionOptions) {}

  get state(): MediaSessionState {
    return this.#state;
  }

  /** Starts on the next tick, so a mount that is undone at once (React strict mode) opens nothing. */
  start(): void {
    this.#retryTimer = setTimeout(() => {
      this.#local = this.#acquireLocalMedia();
      void this.#connect();
    }, 0);
  }

  stop(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#teardown();
    this.#state.localStream?.getTracks().forEach((track) => track.stop());
    this.#update({ status: 'closed', message: 'Left the room.', localStream: undefined, remotes: [] });
  }

  async setMic(on: boolean): Promise<void> {
    this.#update({ micOn: on });
    await this.#applyPause('audio', !on);
  }

  async setCam(on: boolean): Promise<void> {
    this.#update({ camOn: on });
    await this.#applyPause('video', !on);
  }

  // ------------------------------------------------------------ internals

  #update(patch: Partial<MediaSessionState>): void {
    this.#state = { ...this.#state, ...patch };
    this.options.onChange(this.#state);
  }

  #publishRemotes(): void {
    this.#update({ remotes: [...this.#remotes.values()] });
  }

  async #acquireLocalMedia(): Promise<MediaStream | undefined> {
    const getUserMedia = this.options.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints));
    try {
      const stream = await getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
      });
      if (this.#closed) {
        stream.getTracks().forEach((track) => track.stop());
        return undefined;
      }
      this.#update({ localStream: stream });
      return stream;
    } catch (error) {
      if (!this.#closed) this.#update({ notice: describeMediaError(error) });
      return undefined;
    }
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    if (isJoinTokenExpired(this.options.token)) {
      this.#update({ status: 'failed', message: EXPIRED_MESSAGE });
      return;
    }
    const connection: Connection = {
      client: new SignalingClient(sfuSocketUrl(this.options.sfuUrl, this.options.token), {
        onNotification: (notification) => this.#onNotification(connection, notification),
        onClose: () => this.#onDisconnected(connection),
      }),
      producers: new Map(),
      consumers: new Map(),
      waiting: [],
      buffered: [],
    };
    this.#connection = connection;
    const current = () => !this.#closed && this.#connection === connection;
    try {
      await connection.client.opened;
      const { client } = connection;
      const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
      const device = new Device();
      await device.load({ routerRtpCapabilities: rtpCapabilities as unknown as types.RtpCapabilities });
      if (!current()) return;
      connection.device = device;
      const joined = await client.request('join', { rtpCapabilities: { ...device.rtpCapabilities } });
      if (!current()) return;
      for (const peer of joined.peers) this.#addRemote(connection, peer);
      const buffered = connection.buffered ?? [];
      connection.buffered = undefined;
      for (const notification of buffered) this.#onNotification(connection, notification);
      this.#publishRemotes();

      connection.recv = await this.#createTransport(connection, 'recv');
      if (!current()) return;
      for (const { peerId, producer } of connection.waiting.splice(0)) void this.#consume(connection, peerId, producer);
      this.#failures = 0;
      this.#update({ status: 'live', message: 'Connected to the media server.' });

      const local = await this.#local;
      if (!current()) return;
      if (!joined.canPublish) {
        this.#update({ notice: 'This join link lets you watch and listen only.' });
        return;
      }
      if (!local) return;
      connection.send = await this.#createTransport(connection, 'send');
      for (const track of local.getTracks()) {
        if (!current()) return;
        const kind = track.kind === 'audio' ? 'audio' : 'video';
        const producer = await connection.send.produce({
          track,
          stopTracks: false,
          ...(kind === 'video' ? { encodings: [{ maxBitrate: 1_500_000 }], codecOptions: { videoGoogleStartBitrate: 1000 } } : {}),
        });
        connection.producers.set(kind, producer);
        const off = kind === 'audio' ? !this.#state.micOn : !this.#state.camOn;
        if (off) await this.#applyPause(kind, true);
      }
    } catch (error) {
      if (!current()) return;
      // Any failure of the set-up ends in a fresh connection attempt.
      console.warn('padmeet media: connection set-up failed', error);
      connection.client.close();
    }
  }

  async #createTransport(connection: Connection, direction: 'send' | 'recv'): Promise<types.Transport> {
    const { client, device } = connection;
    if (!device) throw new Error('device not loaded');
    const info = await client.request('createTransport', { direction });
    const params = {
      id: info.transportId,
      iceParameters: info.iceParameters as unknown as types.IceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
    };
    const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      client
        .request('connectTransport', { transportId: transport.id, dtlsParameters: { ...dtlsParameters } })
        .then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
      client
        .request('produce', { transportId: transport.id, kind, rtpParameters: { ...rtpParameters } })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' && this.#connection === connection) {
        console.warn(`padmeet media: ${direction} transport failed; reconnecting`);
        connection.client.close();
      }
    });
    return transport;
  }

  #addRemote(connection: Connection, peer: Pick<PeerInfo, 'peerId' | 'displayName'> & { producers?: ProducerInfo[] }): void {
    if (!this.#remotes.has(peer.peerId)) {
      this.#remotes.set(peer.peerId, {
        peerId: peer.peerId,
        displayName: peer.displayName,
        videoTrack: undefined,
        audioTrack: undefined,
        getVideoStats: undefined,
      });
    }
    for (const producer of peer.producers ?? []) this.#consumeWhenReady(connection, peer.peerId, producer);
  }

  #consumeWhenReady(connection: Connection, peerId: string, producer: ProducerInfo): void {
    if (connection.recv) void this.#consume(connection, peerId, producer);
    else connection.waiting.push({ peerId, producer });
  }

  async #consume(connection: Connection, peerId: string, producer: ProducerInfo): Promise<void> {
    const { client, recv } = connection;
    if (!recv) return;
    try {
      const info = await client.request('consume', { transportId: recv.id, producerId: producer.producerId });
      const consumer = await recv.consume({
        id: info.consumerId,
        producerId: info.producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters as unknown as types.RtpParameters,
      });
      if (this.#connection !== connection || this.#closed) {
        consumer.close();
        return;
      }
      connection.consumers.set(consumer.id, { consumer, peerId });
      this.#setRemoteTrack(peerId, consumer);
      await client.request('resumeConsumer', { consumerId: consumer.id });
    } catch (error) {
      if (this.#connection === connection) console.warn('padmeet media: could not receive a producer', error);
    }
  }

  #setRemoteTrack(peerId: string, consumer: types.Consumer | undefined, kind?: 'audio' | 'video'): void {
    const view = this.#remotes.get(peerId);
    if (!view) return;
    const which = consumer?.kind ?? kind;
    const next: RemotePeerView =
      which === 'video'
        ? { ...view, videoTrack: consumer?.track, getVideoStats: consumer ? () => consumer.getStats() : undefined }
        : { ...view, audioTrack: consumer?.track };
    this.#remotes.set(peerId, next);
    this.#publishRemotes();
  }

  #dropConsumer(connection: Connection, match: (consumer: types.Consumer) => boolean): void {
    for (const [id, { consumer, peerId }] of connection.consumers) {
      if (!match(consumer)) continue;
      connection.consumers.delete(id);
      consumer.close();
      this.#setRemoteTrack(peerId, undefined, consumer.kind);
    }
  }

  #onNotification(connection: Connection, notification: SignalingNotification): void {
    if (this.#connection !== connection) return;
    if (connection.buffered) {
      connection.buffered.push(notification);
      return;
    }
    switch (notification.type) {
      case 'peerJoined':
        this.#addRemote(connection, notification);
        this.#publishRemotes();
        break;
      case 'peerLeft':
        for (const [id, entry] of connection.consumers) {
          if (entry.peerId !== notification.peerId) continue;
          entry.consumer.close();
          connection.consumers.delete(id);
        }
        this.#remotes.delete(notification.peerId);
        this.#publishRemotes();
        break;
      case 'newProducer':
        this.#addRemote(connection, { peerId: notification.peerId, displayName: this.#remotes.get(notification.peerId)?.displayName ?? 'Guest' });
        this.#consumeWhenReady(connection, notification.peerId, {
          producerId: notification.producerId,
          kind: notification.kind,
          paused: notification.paused,
        });
        break;
      case 'producerClosed':
        this.#dropConsumer(connection, (consumer) => consumer.producerId === notification.producerId);
        break;
      case 'consumerClosed':
        this.#dropConsumer(connection, (consumer) => consumer.id === notification.consumerId);
        break;
      case 'roomClosed':
        connection.client.close();
        break;
      case 'producerPaused':
      case 'producerResumed':
      case 'error':
        break;
    }
  }

  #onDisconnected(connection: Connection): void {
    if (this.#connection !== connection || this.#closed) return;
    this.#teardown();
    if (isJoinTokenExpired(this.options.token)) {
      this.#update({ status: 'failed', message: EXPIRED_MESSAGE });
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.#failures, RETRY_DELAYS_MS.length - 1)] ?? 10_000;
    this.#failures += 1;
    this.#update({ status: 'reconnecting', message: `Media server unreachable — retrying in ${Math.round(delay / 1000)} s…` });
    this.#retryTimer = setTimeout(() => void this.#connect(), delay);
  }

  #teardown(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    if (!connection) return;
    connection.send?.close();
    connection.recv?.close();
    connection.client.close();
    this.#remotes.clear();
    this.#update({ remotes: [] });
  }

  async #applyPause(kind: 'audio' | 'video', paused: boolean): Promise<void> {
    const connection = this.#connection;
    const producer = connection?.producers.get(kind);
    if (!connection || !producer) {
      // Not sending yet: keep the local track in line so the preview matches.
      this.#state.localStream?.getTracks().forEach((track) => {
        if (track.kind === kind) track.enabled = !paused;
      });
      return;
    }
    if (paused) producer.pause();
    else producer.resume();
    await connection.client
      .request(paused ? 'pauseProducer' : 'resumeProducer', { producerId: producer.id })
      .catch((error: unknown) => console.warn('padmeet media: pause/resume not confirmed', error));
  }
}
