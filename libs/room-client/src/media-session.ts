import { Device, type types } from 'mediasoup-client';
import {
  highestSentLayer,
  CAMERA_SIMULCAST_LAYERS,
  SFU_CLOSE_CODES,
  type ConsumerInfo,
  type ConsumerView,
  type ModeratedNotification,
  type ModerationAction,
  type MediaSource,
  type PeerInfo,
  type ProducerInfo,
  type PersonColour,
  type Role,
  type RoomHealth,
  type SignalingNotification,
  type SignalingResponseData,
  type TransportDirection,
  type TransportInfo,
} from '@padmeet/contract';
import { joinTokenCanPublish, joinTokenExpiresAt, joinTokenRole, refreshDelayMs } from './join-token-expiry';
import { describeDeviceProblem, openDevice, type DeviceKind, type DeviceProblem } from './local-media';
import { describeModeration, withNotice, type ModerationNotice } from './moderation';
import { SignalingRequestError } from './request-correlator';
import { SignalingClient, sfuSocketUrl } from './signaling-client';

export type MediaStatus = 'connecting' | 'live' | 'reconnecting' | 'refused' | 'failed' | 'closed';

/** One remote producer as this browser receives it. */
export interface RemoteMedia {
  producerId: string;
  /** Paused by its peer: a muted microphone, a stopped camera. */
  muted: boolean;
  consumerId: string | undefined;
  track: MediaStreamTrack | undefined;
  /** The simulcast layer the SFU forwards (video); null while paused. */
  spatialLayer: number | null | undefined;
  /** RTCStats of the consumer (inbound-rtp, candidate pair). */
  getStats: (() => Promise<RTCStatsReport>) | undefined;
}

export interface RemotePeer {
  peerId: string;
  displayName: string;
  role: Role;
  /** Their colour (`personColour` of their subject, from the SFU): tile outline, pad text, chat. */
  colour: PersonColour;
  media: Partial<Record<MediaSource, RemoteMedia>>;
}

export interface LocalTracks {
  mic?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  screen?: MediaStreamTrack;
}

export interface MediaSessionState {
  status: MediaStatus;
  /** What is going on, in words. */
  message: string;
  /** Problems that do not stop the call (a blocked camera, listen-only...). */
  notices: string[];
  /** Why the room cannot be entered (full room, too many connections, expired link, removed by a moderator). */
  refusal: 'room-full' | 'connection-limit' | 'token-expired' | 'removed' | undefined;
  local: LocalTracks;
  remotes: RemotePeer[];
  activeSpeakerPeerId: string | null;
  micOn: boolean;
  camOn: boolean;
  sharing: boolean;
  canPublish: boolean;
  /**
   * Whether this person's camera is encoded and sent: false while no one in the room watches it (the
   * SFU's `videoDemand`: alone in the room, or everyone hides the tile), true again once someone does;
   * undefined until the SFU has said either.
   */
  cameraSent: boolean | undefined;
  /**
   * The highest simulcast layer of this person's camera that is encoded (0: only the lowest, 180p;
   * 2: up to 720p; -1: none): the lowest when the camera starts, then what the SFU's `videoDemand`
   * asks; undefined until this connection sends a camera.
   */
  cameraLayer: number | undefined;
  /** The room's health as the SFU last told this person (moderators only: `roomHealth`); undefined until then. */
  roomHealth: RoomHealth | undefined;
  // ---- the chair's controls (moderation.ts)
  /** This person's role in the room, from the join token (the SFU decides what it allows). */
  role: Role | undefined;
  /** This connection's peer id in the room, once joined. */
  selfPeerId: string | undefined;
  /** What moderators did lately (newest last). */
  moderation: ModerationNotice[];
}

/** The pre-join's devices and choices. */
export interface LocalChoice {
  mic?: MediaStreamTrack;
  camera?: MediaStreamTrack;
  micOn: boolean;
  camOn: boolean;
  /** Device ids to reopen during the call. */
  devices?: { mic?: string; camera?: string };
}

export interface MediaSessionOptions {
  sfuUrl: string;
  token: string;
  /** Devices opened in the pre-join (so the click does not wait for them). */
  local?: { mic?: MediaStreamTrack; camera?: MediaStreamTrack };
  micOn?: boolean;
  camOn?: boolean;
  /** Device ids used when a device is (re)opened during the call. */
  devices?: { mic?: string; camera?: string };
  /** A new join token for this room, from the web app; the session asks before the current one expires. */
  refreshToken?: () => Promise<{ token: string; expiresAt: number }>;
  onChange?: (state: MediaSessionState) => void;
  /** For tests and browsers without it; defaults to navigator.mediaDevices. */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  getDisplayMedia?: (options: DisplayMediaStreamOptions) => Promise<MediaStream>;
}

/** Reconnect delays: the first is short (a media worker restarting), then back off. */
const RETRY_DELAYS_MS = [250, 1000, 2000, 4000, 8000, 10_000];
/** How long publishing waits at most for the first remote picture (receiving comes first). */
const PUBLISH_WAIT_MS = 1500;
/** ICE "disconnected" often heals by itself; restart ICE only if it lasts. */
const ICE_DISCONNECTED_GRACE_MS = 2000;
const EXPIRED_MESSAGE = 'Your join link has expired. Go back to the schedule and join again.';
const REFUSAL_MESSAGES = {
  'room-full': 'This room is full.',
  'connection-limit': 'You are already in this room in other tabs or devices; close one of them, then join again.',
  'token-expired': EXPIRED_MESSAGE,
  removed: 'You were removed from this room.',
} as const;

const isVideoSource = (source: MediaSource) => source === 'camera' || source === 'screen';

const CAPABILITIES_KEY = 'padmeet.sfu-capabilities';

interface LoadedDevice {
  device: Device;
  capabilities: string;
}

async function loadDevice(routerRtpCapabilities: types.RtpCapabilities): Promise<Device> {
  const device = new Device();
  await device.load({ routerRtpCapabilities });
  return device;
}

/** A Device loaded from the router capabilities this SFU gave this browser last time, if any. */
function preloadDevice(sfuUrl: string): Promise<LoadedDevice | undefined> | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(CAPABILITIES_KEY);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as { sfuUrl?: unknown; capabilities?: unknown };
    if (stored.sfuUrl !== sfuUrl || typeof stored.capabilities !== 'string') return undefined;
    const capabilities = stored.capabilities;
    return loadDevice(JSON.parse(capabilities) as types.RtpCapabilities).then(
      (device) => ({ device, capabilities }),
      () => undefined,
    );
  } catch {
    return undefined;
  }
}

/** The preloaded Device when the SFU's capabilities are the same; otherwise a new one (remembered for next time). */
async function deviceFor(sfuUrl: string, routerRtpCapabilities: types.RtpCapabilities, preloaded: Promise<LoadedDevice | undefined> | undefined): Promise<Device> {
  const capabilities = JSON.stringify(routerRtpCapabilities);
  const ready = await preloaded;
  if (ready && ready.capabilities === capabilities) return ready.device;
  const device = await loadDevice(routerRtpCapabilities);
  try {
    globalThis.localStorage?.setItem(CAPABILITIES_KEY, JSON.stringify({ sfuUrl, capabilities }));
  } catch {
    // Not remembered: the next join loads the device after the socket opens, as this one did.
  }
  return device;
}

/** A performance mark for the join benchmark's breakdown, once per page. */
function markOnce(name: string): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName(name).length === 0) performance.mark(name);
}

interface OpenedConsumer {
  info: ConsumerInfo;
  consumer: types.Consumer;
}

interface Connection {
  client: SignalingClient;
  device?: Device;
  send?: types.Transport;
  recv?: types.Transport;
  producers: Map<MediaSource, types.Producer>;
  consumers: Map<string, { consumer: types.Consumer; peerId: string; source: MediaSource }>;
  /** Notifications that arrived before `join` answered (on the pre-join, and while it was in flight). */
  buffered: SignalingNotification[] | undefined;
  /**
   * Consumers `prepare` made on the pre-join, by producer id: their client side is set up (and
   * with it ICE and DTLS) before the click; `join` only starts them.
   */
  prepared: Map<string, Promise<OpenedConsumer | undefined>>;
  /** Prepared consumers whose browser side is ready; `join` starts them on the SFU (no `resumeConsumer`). */
  preparedOpen: Set<string>;
  iceTimers: Set<ReturnType<typeof setTimeout>>;
  /** What the room watches of each of this connection's video producers (the SFU's `videoDemand`), by producer id. */
  videoDemand: Map<string, { wanted: boolean; spatialLayer?: number }>;
  /** Changes to what the producers encode, one after the other (each may renegotiate the send transport). */
  encodingWork: Promise<void>;
}

/**
 * The browser side of a room's media: the signaling connection, one receive and one send
 * transport, a consumer per remote producer, the local microphone, camera (three simulcast
 * layers) and screen share. Receiving never waits for publishing. Recovers by ICE restart, then by
 * a full rejoin with back-off; refreshes its join token before it expires. State changes are
 * pushed to `onChange`.
 */
export class MediaSession {
  #state: MediaSessionState;
  readonly #remotes = new Map<string, RemotePeer>();
  /** How each remote video is shown, by producer (survives reconnects, which change consumer ids). */
  readonly #views = new Map<string, Omit<ConsumerView, 'consumerId'>>();
  #pendingViews = new Set<string>();
  #viewsTimer: ReturnType<typeof setTimeout> | undefined;
  #connection: Connection | undefined;
  #closed = false;
  #failures = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #token: string;
  #devices: { mic?: string; camera?: string };
  readonly #firstFrameListeners = new Set<() => void>();
  #listener: ((state: MediaSessionState) => void) | undefined;
  #prepared = false;
  /** Resolved by `start`: until then the connection stops short of "join". */
  readonly #go: Promise<void>;
  #letGo: () => void = () => undefined;
  #preloaded: Promise<LoadedDevice | undefined> | undefined;
  #moderationNotices = 0;
  #markPrepared: () => void = () => undefined;
  /**
   * Resolves once the prepared connection is ready to join (transports connected, consumers set up
   * on both sides): the page may then load what it would rather not load during the join.
   */
  readonly prepared: Promise<void>;

  constructor(private readonly options: MediaSessionOptions) {
    this.#token = options.token;
    this.#devices = { ...options.devices };
    this.#preloaded = preloadDevice(options.sfuUrl);
    this.#listener = options.onChange;
    this.#go = new Promise((resolve) => {
      this.#letGo = resolve;
    });
    this.prepared = new Promise((resolve) => {
      this.#markPrepared = resolve;
    });
    this.#state = {
      status: 'connecting',
      message: 'Connecting to the media server…',
      notices: [],
      refusal: undefined,
      roomHealth: undefined,
      local: {},
      remotes: [],
      activeSpeakerPeerId: null,
      micOn: false,
      camOn: false,
      sharing: false,
      canPublish: true,
      cameraSent: undefined,
      cameraLayer: undefined,
      role: joinTokenRole(options.token),
      selfPeerId: undefined,
      moderation: [],
    };
    this.#applyLocal({ ...options.local, micOn: options.micOn ?? true, camOn: options.camOn ?? true });
  }

  get state(): MediaSessionState {
    return this.#state;
  }

  /** Who hears of state changes (the component showing the call; it may come after `prepare`). */
  setListener(listener: ((state: MediaSessionState) => void) | undefined): void {
    this.#listener = listener;
  }

  /**
   * Gets ready before the click: opens the signaling socket and loads the device, but does not
   * enter the room (nobody sees this person) until `start`.
   */
  prepare(): void {
    if (this.#prepared || this.#closed) return;
    this.#prepared = true;
    // On the next tick, so a mount that is undone at once (React strict mode) opens nothing.
    this.#retryTimer = setTimeout(() => void this.#connect(), 0);
  }

  /** Enters the room (with the pre-join's devices, if they were not given at construction). */
  start(local?: LocalChoice): void {
    if (local) this.#applyLocal(local);
    if (this.#prepared && !this.#connection && !this.#closed) {
      // A prepared connection that is waiting to retry (the SFU was away): try again now.
      clearTimeout(this.#retryTimer);
      this.#failures = 0;
      this.#retryTimer = setTimeout(() => void this.#connect(), 0);
    }
    this.prepare();
    this.#letGo();
    this.#scheduleRefresh();
  }

  #applyLocal(local: LocalChoice): void {
    if (local.devices) this.#devices = { ...local.devices };
    const micOn = local.micOn && local.mic !== undefined;
    const camOn = local.camOn && local.camera !== undefined;
    if (local.mic) local.mic.enabled = micOn;
    if (local.camera) local.camera.enabled = camOn;
    this.#state = { ...this.#state, local: { ...this.#state.local, mic: local.mic, camera: local.camera }, micOn, camOn };
  }

  /** Leaves the room: closes the connection and stops every local device. */
  stop(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#refreshTimer);
    clearTimeout(this.#viewsTimer);
    this.#teardown();
    for (const track of Object.values(this.#state.local)) track?.stop();
    this.#update({ status: 'closed', message: 'Left the room.', local: {}, remotes: [], sharing: false });
  }

  async setMic(on: boolean): Promise<void> {
    await this.#setDevice('mic', on);
  }

  async setCam(on: boolean): Promise<void> {
    await this.#setDevice('camera', on);
  }

  /** Another microphone or camera, without leaving: the producer keeps going with the new track. */
  async switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    this.#devices[kind] = deviceId;
    const on = kind === 'mic' ? this.#state.micOn : this.#state.camOn;
    if (!on) return;
    const opened = await openDevice(kind, deviceId, this.options.getUserMedia);
    if (!opened.track) return this.#notice(kind, opened.problem ?? 'failed');
    const old = this.#state.local[kind];
    const producer = this.#connection?.producers.get(kind);
    if (producer) await producer.replaceTrack({ track: opened.track });
    this.#update({ local: { ...this.#state.local, [kind]: opened.track } });
    old?.stop();
  }

  /** Shares a screen (and its audio when the browser offers it) as a detail-first stream. */
  async startScreenShare(): Promise<void> {
    if (this.#state.sharing) return;
    const getDisplayMedia = this.options.getDisplayMedia ?? ((options) => navigator.mediaDevices.getDisplayMedia(options));
    let stream: MediaStream;
    try {
      stream = await getDisplayMedia({ video: { frameRate: { ideal: 5, max: 15 } }, audio: true });
    } catch (error) {
      const name = error instanceof Error || error instanceof DOMException ? error.name : '';
      // Cancelled in the browser's picker: nothing to say.
      if (name !== 'NotAllowedError' && name !== 'AbortError') this.#addNotice('Your screen could not be shared.');
      return;
    }
    const [video] = stream.getVideoTracks();
    if (!video) return;
    // Text and slides: keep the resolution, lower the frame rate under pressure.
    video.contentHint = 'detail';
    // The browser's own "Stop sharing" button ends the track.
    video.addEventListener('ended', () => void this.stopScreenShare());
    this.#update({ sharing: true, local: { ...this.#state.local, screen: video } });
    const connection = this.#connection;
    if (connection?.send) {
      await this.#produce(connection, 'screen', video);
      const [audio] = stream.getAudioTracks();
      if (audio) await this.#produce(connection, 'screen-audio', audio);
    }
  }

  async stopScreenShare(): Promise<void> {
    if (!this.#state.sharing) return;
    const screen = this.#state.local.screen;
    this.#update({ sharing: false, local: { ...this.#state.local, screen: undefined } });
    screen?.stop();
    const connection = this.#connection;
    for (const source of ['screen', 'screen-audio'] as const) {
      const producer = connection?.producers.get(source);
      if (!connection || !producer) continue;
      producer.track?.stop();
      producer.close();
      connection.producers.delete(source);
      await connection.client.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
    }
  }

  /** The chair's controls: mute someone's microphone, stop their share, remove them. The SFU checks this person's role. */
  async moderate(action: ModerationAction, peerId: string, reason?: string): Promise<void> {
    const connection = this.#connection;
    if (!connection?.client.isOpen || connection.buffered) throw new SignalingRequestError('DISCONNECTED', 'Not connected to the media server; try again in a moment.');
    await connection.client.request('moderate', { action, peerId, ...(reason ? { reason } : {}) });
  }

  /** The page rendered a remote video frame: publishing may start (see #onJoined). */
  noteRemoteFrame(): void {
    for (const listener of [...this.#firstFrameListeners]) listener();
  }

  /**
   * How a remote video is shown on this page (visible, size in device pixels). Batched: a
   * layout change that moves many tiles is one message to the SFU.
   */
  setView(producerId: string, view: Omit<ConsumerView, 'consumerId'>): void {
    const previous = this.#views.get(producerId);
    if (previous && previous.visible === view.visible && previous.width === view.width && previous.height === view.height) return;
    this.#views.set(producerId, view);
    this.#pendingViews.add(producerId);
    if (this.#viewsTimer === undefined) this.#viewsTimer = setTimeout(() => this.#flushViews(), 50);
  }

  // ------------------------------------------------------------ state

  #update(patch: Partial<MediaSessionState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#listener?.(this.#state);
  }

  #publishRemotes(): void {
    this.#update({ remotes: [...this.#remotes.values()] });
  }

  #addNotice(notice: string): void {
    if (!this.#state.notices.includes(notice)) this.#update({ notices: [...this.#state.notices, notice] });
  }

  #notice(kind: DeviceKind, problem: DeviceProblem): void {
    this.#addNotice(describeDeviceProblem(kind, problem));
  }

  #patchRemoteMedia(peerId: string, source: MediaSource, patch: Partial<RemoteMedia> | undefined): void {
    const peer = this.#remotes.get(peerId);
    if (!peer) return;
    const media = { ...peer.media };
    if (patch === undefined) delete media[source];
    else {
      const current = media[source] ?? {
        producerId: patch.producerId ?? '',
        muted: false,
        consumerId: undefined,
        track: undefined,
        spatialLayer: undefined,
        getStats: undefined,
      };
      media[source] = { ...current, ...patch };
    }
    this.#remotes.set(peerId, { ...peer, media });
    this.#publishRemotes();
  }

  #findMedia(match: (media: RemoteMedia) => boolean): { peerId: string; source: MediaSource } | undefined {
    for (const peer of this.#remotes.values()) {
      for (const [source, media] of Object.entries(peer.media) as Array<[MediaSource, RemoteMedia]>) {
        if (match(media)) return { peerId: peer.peerId, source };
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------ connection

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const expiresAt = joinTokenExpiresAt(this.#token);
    if (expiresAt !== undefined && expiresAt <= Date.now() && !(await this.#refreshNow())) return;
    const connection: Connection = {
      client: new SignalingClient(sfuSocketUrl(this.options.sfuUrl, this.#token), {
        onNotification: (notification) => this.#onNotification(connection, notification),
        onClose: ({ code }) => this.#onDisconnected(connection, code),
      }),
      producers: new Map(),
      consumers: new Map(),
      buffered: [],
      prepared: new Map(),
      preparedOpen: new Set(),
      iceTimers: new Set(),
      videoDemand: new Map(),
      encodingWork: Promise.resolve(),
    };
    this.#connection = connection;
    if (this.#state.cameraSent !== undefined || this.#state.cameraLayer !== undefined) this.#update({ cameraSent: undefined, cameraLayer: undefined });
    const current = () => !this.#closed && this.#connection === connection;
    markOnce('padmeet:media-connect');
    try {
      const { client } = connection;
      // The device loads from the capabilities this SFU gave last time while the socket opens;
      // it is used only if the SFU still gives the same ones.
      const preloaded = this.#preloaded;
      this.#preloaded = undefined;
      await client.opened;
      markOnce('padmeet:ws-open');
      const { rtpCapabilities } = await client.request('getRouterRtpCapabilities', {});
      const device = await deviceFor(this.options.sfuUrl, rtpCapabilities as unknown as types.RtpCapabilities, preloaded);
      if (!current()) return;
      connection.device = device;
      // A send transport even with both devices off: turning one on later must not wait for it.
      const transports: TransportDirection[] = joinTokenCanPublish(this.#token) ? ['recv', 'send'] : ['recv'];
      await this.#prepare(connection, transports);
      if (!current()) return;
      // For the join benchmark: the pre-join is done once the browser's side of every prepared consumer is.
      void Promise.all(connection.prepared.values()).then(() => {
        if (!current()) return;
        markOnce('padmeet:media-prepared');
        this.#markPrepared();
      });
      // Prepared ahead of the click: wait here (transports connected, consumers paused) until `start`.
      await this.#go;
      if (!current()) return;
      // What is ready on this side starts with the join: the first picture is on its way while the page draws the room.
      const resumeConsumers = [...connection.preparedOpen];
      markOnce('padmeet:join-sent');
      const joined = await client.request('join', { rtpCapabilities: { ...device.rtpCapabilities }, transports, resumeConsumers });
      if (!current()) return;
      markOnce('padmeet:sfu-joined');
      this.#onJoined(connection, joined, new Set(resumeConsumers));
    } catch (error) {
      if (!current()) return;
      if (error instanceof SignalingRequestError && error.refusal) {
        this.#refuse(error.refusal, error.message);
        connection.client.close();
        return;
      }
      // Any other failure of the set-up ends in a fresh attempt.
      console.warn('padmeet media: connection set-up failed', error);
      connection.client.close();
    }
  }

  /**
   * On the pre-join: the SFU opens the transports and a paused consumer per medium in the room; the
   * browser sets up its side of them, which connects the receive transport (ICE, DTLS) before the
   * click. Nothing plays until `join`. If it fails for any reason but a refusal, `join` does it all.
   */
  async #prepare(connection: Connection, transports: TransportDirection[]): Promise<void> {
    const { client, device } = connection;
    if (!device) return;
    try {
      const prepared = await client.request('prepare', { rtpCapabilities: { ...device.rtpCapabilities }, transports });
      if (this.#connection !== connection) return;
      for (const info of prepared.transports) connection[info.direction] = this.#createTransport(connection, info.direction, info);
      for (const info of prepared.consumers) {
        const opened = this.#openConsumer(connection, info).then(
          (consumer) => {
            connection.preparedOpen.add(info.consumerId);
            return { info, consumer };
          },
          (error: unknown) => {
            console.warn('padmeet media: could not prepare a consumer; it is made at the join instead', error);
            return undefined;
          },
        );
        connection.prepared.set(info.producerId, opened);
      }
    } catch (error) {
      if (error instanceof SignalingRequestError && error.refusal) throw error;
      if (this.#connection === connection) console.warn('padmeet media: the pre-join could not prepare the media; joining does it', error);
    }
  }

  /** The browser's side of a consumer the SFU made (it stays paused there until `resumeConsumer`). */
  async #openConsumer(connection: Connection, info: ConsumerInfo): Promise<types.Consumer> {
    const { recv } = connection;
    if (!recv) throw new Error('no receive transport');
    return recv.consume({
      id: info.consumerId,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters as unknown as types.RtpParameters,
    });
  }

  /** The transport `join` returned: the one prepared for it, or a new one. */
  #transportFor(connection: Connection, direction: TransportDirection, info: TransportInfo): types.Transport {
    const existing = connection[direction];
    if (existing && existing.id === info.transportId && !existing.closed) return existing;
    existing?.close();
    return this.#createTransport(connection, direction, info);
  }

  #onJoined(connection: Connection, joined: SignalingResponseData<'join'>, startedAtJoin: ReadonlySet<string>): void {
    const recvInfo = joined.transports.find((transport) => transport.direction === 'recv');
    if (!recvInfo) throw new Error('the SFU did not create a receive transport');
    connection.recv = this.#transportFor(connection, 'recv', recvInfo);
    this.#remotes.clear();
    // Video first: the first picture waits on the first consumer; voices follow a moment later.
    for (const peer of joined.peers) this.#addRemote(peer);
    const producers = joined.peers.flatMap((peer) => peer.producers.map((producer) => ({ peerId: peer.peerId, producer })));
    producers.sort((a, b) => Number(isVideoSource(b.producer.source)) - Number(isVideoSource(a.producer.source)));
    const { prepared } = connection;
    connection.prepared = new Map();
    for (const { peerId, producer } of producers) {
      void this.#consume(connection, peerId, producer, prepared.get(producer.producerId), startedAtJoin);
      prepared.delete(producer.producerId);
    }
    // Prepared for media that ended before the join: the SFU closed those consumers.
    for (const left of prepared.values()) void left.then((opened) => opened?.consumer.close());
    this.#update({ activeSpeakerPeerId: joined.activeSpeakerPeerId, canPublish: joined.canPublish, selfPeerId: joined.peerId });
    const buffered = connection.buffered ?? [];
    connection.buffered = undefined;
    for (const notification of buffered) this.#onNotification(connection, notification);
    this.#publishRemotes();
    this.#failures = 0;
    this.#update({ status: 'live', message: 'Connected.', refusal: undefined });

    if (!joined.canPublish) {
      this.#addNotice('This join link lets you watch and listen only.');
      return;
    }
    const sendInfo = joined.transports.find((transport) => transport.direction === 'send');
    if (!sendInfo) return;
    connection.send = this.#transportFor(connection, 'send', sendInfo);
    // Receiving comes first: the camera's encoder (three simulcast layers) starts once the first
    // remote picture is on screen, when there is none to wait for, or after PUBLISH_WAIT_MS.
    const remoteVideo = joined.peers.some((peer) => peer.producers.some((producer) => isVideoSource(producer.source) && !producer.paused));
    const start = () => {
      clearTimeout(timer);
      this.#firstFrameListeners.delete(start);
      void this.#publishAll(connection);
    };
    const timer = setTimeout(start, remoteVideo ? PUBLISH_WAIT_MS : 0);
    if (remoteVideo) this.#firstFrameListeners.add(start);
  }

  async #publishAll(connection: Connection): Promise<void> {
    const { local } = this.#state;
    const work: Array<Promise<void>> = [];
    if (local.mic) work.push(this.#produce(connection, 'mic', local.mic, !this.#state.micOn));
    if (local.camera) work.push(this.#produce(connection, 'camera', local.camera, !this.#state.camOn));
    if (this.#state.sharing && local.screen) work.push(this.#produce(connection, 'screen', local.screen));
    await Promise.all(work);
  }

  async #produce(connection: Connection, source: MediaSource, track: MediaStreamTrack, paused = false): Promise<void> {
    const send = connection.send;
    if (!send || this.#connection !== connection || connection.producers.has(source)) return;
    try {
      const producer = await send.produce({
        track,
        stopTracks: false,
        disableTrackOnPause: true,
        zeroRtpOnPause: true,
        appData: { source, paused },
        ...(source === 'camera'
          ? {
              // Only the lowest layer until the SFU says someone receives a higher one (videoDemand).
              encodings: CAMERA_SIMULCAST_LAYERS.map(({ scaleResolutionDownBy, maxBitrate }, index) => ({
                scaleResolutionDownBy,
                maxBitrate,
                scalabilityMode: 'L1T3',
                active: index === 0,
              })),
              codecOptions: { videoGoogleStartBitrate: 1000 },
            }
          : source === 'screen'
            ? { encodings: [{ maxBitrate: 2_500_000, maxFramerate: 15 }], codecOptions: { videoGoogleStartBitrate: 1000 } }
            : {}),
      });
      if (this.#connection !== connection) {
        producer.close();
        return;
      }
      if (paused) producer.pause();
      connection.producers.set(source, producer);
      // What the SFU said before this point (no one watches, a higher layer wanted) applies now; for a
      // camera with nothing said yet, its lowest layer alone is also written into the send
      // transport's SDP (mediasoup-client's setMaxSpatialLayer keeps the two in step).
      this.#applyVideoDemand(connection, producer);
    } catch (error) {
      if (this.#connection === connection) console.warn(`padmeet media: could not send the ${source}`, error);
    }
  }

  #createTransport(connection: Connection, direction: 'send' | 'recv', info: TransportInfo): types.Transport {
    const { client, device } = connection;
    if (!device) throw new Error('device not loaded');
    const params = {
      id: info.transportId,
      iceParameters: info.iceParameters as unknown as types.IceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
    };
    const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      client.request('connectTransport', { transportId: transport.id, dtlsParameters: { ...dtlsParameters } }).then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = (appData as { source: MediaSource }).source;
      const paused = Boolean((appData as { paused?: boolean }).paused);
      client
        .request('produce', { transportId: transport.id, kind, source, paused, rtpParameters: { ...rtpParameters } })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    transport.on('connectionstatechange', (state) => this.#onTransportState(connection, transport, state));
    return transport;
  }

  /** ICE recovery: restart ICE on a lasting "disconnected" or on "failed"; rejoin if that fails. */
  #onTransportState(connection: Connection, transport: types.Transport, state: RTCPeerConnectionState): void {
    if (this.#connection !== connection) return;
    if (state === 'disconnected') {
      const timer = setTimeout(() => {
        connection.iceTimers.delete(timer);
        if (transport.connectionState === 'disconnected') void this.#restartIce(connection, transport);
      }, ICE_DISCONNECTED_GRACE_MS);
      connection.iceTimers.add(timer);
    } else if (state === 'failed') {
      void this.#restartIce(connection, transport);
    }
  }

  async #restartIce(connection: Connection, transport: types.Transport): Promise<void> {
    if (this.#connection !== connection || transport.closed) return;
    // On the pre-join (a prepared transport) the page shows no call yet: nothing to tell.
    const inCall = () => connection.buffered === undefined;
    if (inCall()) this.#update({ status: 'reconnecting', message: 'Network trouble — reconnecting the media…' });
    try {
      const { iceParameters } = await connection.client.request('restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
      const settled = await new Promise<boolean>((resolve) => {
        const check = (state: RTCPeerConnectionState) => {
          if (state === 'connected') resolve(true);
          if (state === 'failed' || state === 'closed') resolve(false);
        };
        transport.on('connectionstatechange', check);
        setTimeout(() => resolve(transport.connectionState === 'connected'), 5000);
      });
      if (!settled) throw new Error('ICE restart did not reconnect');
      if (this.#connection === connection && inCall()) this.#update({ status: 'live', message: 'Connected.' });
    } catch (error) {
      if (this.#connection !== connection) return;
      console.warn('padmeet media: ICE restart failed; rejoining', error);
      connection.client.close();
    }
  }

  /** Records a person in the room; what they send is consumed by the caller. */
  #addRemote(peer: Pick<PeerInfo, 'peerId' | 'displayName' | 'role' | 'colour'>): void {
    if (!this.#remotes.has(peer.peerId)) {
      this.#remotes.set(peer.peerId, { peerId: peer.peerId, displayName: peer.displayName, role: peer.role, colour: peer.colour, media: {} });
    }
  }

  /** Receives a producer: with the consumer prepared on the pre-join if there is one, else a new one. */
  async #consume(
    connection: Connection,
    peerId: string,
    producer: ProducerInfo,
    prepared?: Promise<OpenedConsumer | undefined>,
    startedAtJoin: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const { client, recv } = connection;
    if (!recv) return;
    this.#patchRemoteMedia(peerId, producer.source, { producerId: producer.producerId, muted: producer.paused });
    try {
      const ready = await prepared;
      // Started by the join itself if its browser side was ready when the join was sent.
      const startedByJoin = ready !== undefined && startedAtJoin.has(ready.info.consumerId);
      let opened: OpenedConsumer;
      if (ready) {
        // Its mute state is the join's (newer than the pre-join's).
        opened = { info: { ...ready.info, producerPaused: producer.paused }, consumer: ready.consumer };
      } else {
        const info = await client.request('consume', { transportId: recv.id, producerId: producer.producerId });
        opened = { info, consumer: await this.#openConsumer(connection, info) };
      }
      const { info, consumer } = opened;
      if (this.#connection !== connection || this.#closed) {
        consumer.close();
        return;
      }
      connection.consumers.set(consumer.id, { consumer, peerId, source: info.source });
      if (info.kind === 'video') markOnce('padmeet:first-video-consumer');
      this.#patchRemoteMedia(peerId, info.source, {
        producerId: info.producerId,
        consumerId: consumer.id,
        track: consumer.track,
        muted: info.producerPaused,
        spatialLayer: isVideoSource(info.source) ? 0 : undefined,
        getStats: () => consumer.getStats(),
      });
      // A tile that was laid out before its consumer existed: tell the SFU now.
      if (this.#views.has(info.producerId)) {
        this.#pendingViews.add(info.producerId);
        this.#flushViews();
      }
      if (!startedByJoin) await client.request('resumeConsumer', { consumerId: consumer.id });
    } catch (error) {
      if (this.#connection === connection) console.warn('padmeet media: could not receive a producer', error);
    }
  }

  #dropConsumers(connection: Connection, match: (entry: { consumer: types.Consumer; peerId: string }) => boolean): void {
    for (const [id, entry] of connection.consumers) {
      if (!match(entry)) continue;
      connection.consumers.delete(id);
      entry.consumer.close();
      this.#patchRemoteMedia(entry.peerId, entry.source, undefined);
    }
  }

  #flushViews(): void {
    clearTimeout(this.#viewsTimer);
    this.#viewsTimer = undefined;
    const connection = this.#connection;
    if (!connection?.client.isOpen || connection.buffered) return;
    const views: ConsumerView[] = [];
    for (const producerId of this.#pendingViews) {
      const view = this.#views.get(producerId);
      const entry = [...connection.consumers.values()].find(({ consumer }) => consumer.producerId === producerId);
      if (!view || !entry) continue;
      views.push({ consumerId: entry.consumer.id, ...view });
      this.#pendingViews.delete(producerId);
    }
    if (views.length === 0) return;
    void connection.client
      .request('setConsumerViews', { views })
      .catch((error: unknown) => console.warn('padmeet media: the SFU did not take the tile sizes', error));
  }

  #onNotification(connection: Connection, notification: SignalingNotification): void {
    if (this.#connection !== connection) return;
    if (connection.buffered) {
      connection.buffered.push(notification);
      return;
    }
    switch (notification.type) {
      case 'peerJoined':
        this.#addRemote(notification);
        this.#publishRemotes();
        break;
      case 'peerLeft':
        this.#dropConsumers(connection, (entry) => entry.peerId === notification.peerId);
        this.#remotes.delete(notification.peerId);
        this.#publishRemotes();
        break;
      case 'newProducer':
        if (!this.#remotes.has(notification.peerId)) break;
        void this.#consume(connection, notification.peerId, notification);
        break;
      case 'producerClosed': {
        const found = this.#findMedia((media) => media.producerId === notification.producerId);
        this.#dropConsumers(connection, ({ consumer }) => consumer.producerId === notification.producerId);
        if (found) this.#patchRemoteMedia(found.peerId, found.source, undefined);
        this.#views.delete(notification.producerId);
        break;
      }
      case 'consumerClosed':
        this.#dropConsumers(connection, ({ consumer }) => consumer.id === notification.consumerId);
        break;
      case 'producerPaused':
      case 'producerResumed':
        this.#patchRemoteMedia(notification.peerId, notification.source, { muted: notification.type === 'producerPaused' });
        break;
      case 'activeSpeaker':
        this.#update({ activeSpeakerPeerId: notification.peerId });
        break;
      case 'consumerLayersChanged': {
        const entry = connection.consumers.get(notification.consumerId);
        if (entry) this.#patchRemoteMedia(entry.peerId, entry.source, { spatialLayer: notification.spatialLayer });
        break;
      }
      case 'consumerPaused':
      case 'consumerResumed': {
        const entry = connection.consumers.get(notification.consumerId);
        if (entry && notification.type === 'consumerPaused') this.#patchRemoteMedia(entry.peerId, entry.source, { spatialLayer: null });
        break;
      }
      case 'videoDemand': {
        connection.videoDemand.set(notification.producerId, { wanted: notification.wanted, spatialLayer: notification.spatialLayer });
        const producer = [...connection.producers.values()].find((candidate) => candidate.id === notification.producerId);
        if (producer) this.#applyVideoDemand(connection, producer);
        break;
      }
      case 'sessionEnded':
        if (notification.reason === 'token-expired') this.#fail(EXPIRED_MESSAGE);
        else if (notification.reason === 'replaced') this.#fail(notification.message);
        else if (notification.reason === 'removed') this.#removed(notification.message);
        // 'server-shutdown' and 'room-closed': the socket closes next and the session rejoins.
        break;
      case 'roomClosed':
        // The room ended under us (its media worker died): rejoin at once.
        this.#failures = 0;
        connection.client.close();
        break;
      case 'moderated':
        this.#onModerated(connection, notification);
        break;
      case 'roomHealth':
        this.#update({ roomHealth: notification });
        break;
      case 'error':
        break;
    }
  }

  /**
   * Encodes what the room watches of a video, no more: nothing while no one sees it, and of a camera
   * only the layers up to the highest one anyone receives (a camera starts on its lowest layer, as
   * produced). Encodings pause and resume (with a key frame); the producer and the camera stay.
   * Changes run one after the other, each with the SFU's latest word.
   */
  #applyVideoDemand(connection: Connection, producer: types.Producer): void {
    if (producer.kind !== 'video') return;
    const layers = producer.rtpParameters.encodings?.length ?? 1;
    // A single-layer video is sent whole until the SFU says otherwise.
    if (!connection.videoDemand.has(producer.id) && layers === 1) return;
    const apply = async () => {
      if (producer.closed || this.#connection !== connection) return;
      const demand = connection.videoDemand.get(producer.id);
      const top = highestSentLayer(layers, demand);
      try {
        await producer.setMaxSpatialLayer(top);
        if (this.#connection === connection && connection.producers.get('camera') === producer) {
          this.#update({ cameraSent: demand === undefined ? this.#state.cameraSent : top >= 0, cameraLayer: top });
        }
      } catch (error) {
        if (this.#connection === connection && !producer.closed) console.warn('padmeet media: could not change what a video encodes', error);
      }
    };
    connection.encodingWork = connection.encodingWork.then(apply);
  }

  /** A moderator acted: the target's own side follows (microphone paused, share stopped); everyone gets a notice. */
  #onModerated(connection: Connection, notification: ModeratedNotification): void {
    const notice = describeModeration(notification, this.#state.selfPeerId, this.#moderationNotices++);
    if (notice.forMe && notice.action === 'mute-mic') {
      // The SFU paused the producer already; pausing here too lets "Unmute" resume both.
      connection.producers.get('mic')?.pause();
      if (this.#state.local.mic) this.#state.local.mic.enabled = false;
      this.#update({ micOn: false });
    }
    if (notice.forMe && notice.action === 'stop-screen') void this.stopScreenShare();
    this.#update({ moderation: withNotice(this.#state.moderation, notice) });
  }

  /** A moderator removed this person: no reconnect, devices off, the page says why. */
  #removed(message: string): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#refreshTimer);
    this.#teardown();
    for (const track of Object.values(this.#state.local)) track?.stop();
    this.#update({ status: 'refused', refusal: 'removed', message, local: {}, sharing: false, micOn: false, camOn: false });
  }

  #refuse(refusal: NonNullable<MediaSessionState['refusal']>, serverMessage: string): void {
    clearTimeout(this.#retryTimer);
    const message = refusal === 'room-full' || refusal === 'removed' ? serverMessage || REFUSAL_MESSAGES[refusal] : REFUSAL_MESSAGES[refusal];
    this.#teardown();
    this.#update({ status: 'refused', refusal, message });
  }

  #fail(message: string): void {
    this.#teardown();
    this.#update({ status: 'failed', message });
  }

  #onDisconnected(connection: Connection, code: number): void {
    if (this.#connection !== connection || this.#closed) return;
    this.#teardown();
    if (code === SFU_CLOSE_CODES.tokenExpired) {
      this.#update({ status: 'refused', refusal: 'token-expired', message: EXPIRED_MESSAGE });
      return;
    }
    if (code === SFU_CLOSE_CODES.removed) {
      this.#removed(REFUSAL_MESSAGES.removed);
      return;
    }
    if (code === SFU_CLOSE_CODES.replaced) {
      this.#update({ status: 'failed', message: 'This room was opened again in another tab; this one stopped.' });
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.#failures, RETRY_DELAYS_MS.length - 1)] ?? 10_000;
    this.#failures += 1;
    this.#update({
      status: 'reconnecting',
      message: delay < 1000 ? 'Reconnecting to the media server…' : `Media server unreachable — retrying in ${Math.round(delay / 1000)} s…`,
    });
    this.#retryTimer = setTimeout(() => void this.#connect(), delay);
  }

  #teardown(): void {
    const connection = this.#connection;
    this.#connection = undefined;
    if (!connection) return;
    for (const timer of connection.iceTimers) clearTimeout(timer);
    this.#firstFrameListeners.clear();
    connection.send?.close();
    connection.recv?.close();
    connection.client.close();
    this.#remotes.clear();
    // Every view must be sent again to the next connection's consumers.
    for (const producerId of this.#views.keys()) this.#pendingViews.add(producerId);
    this.#update({ remotes: [], activeSpeakerPeerId: null });
  }

  // ------------------------------------------------------------ devices

  async #setDevice(kind: DeviceKind, on: boolean): Promise<void> {
    const flag = kind === 'mic' ? 'micOn' : 'camOn';
    let track = this.#state.local[kind];
    if (on && !track) {
      // Joined with this device off (or it failed before): open it now.
      const opened = await openDevice(kind, this.#devices[kind], this.options.getUserMedia);
      if (!opened.track) return this.#notice(kind, opened.problem ?? 'failed');
      track = opened.track;
      this.#update({ local: { ...this.#state.local, [kind]: track } });
    }
    this.#update({ [flag]: on } as Partial<MediaSessionState>);
    if (track) track.enabled = on;
    const connection = this.#connection;
    if (!connection?.send) return;
    const producer = connection.producers.get(kind);
    if (!producer) {
      if (on && track) await this.#produce(connection, kind, track);
      return;
    }
    if (on) producer.resume();
    else producer.pause();
    await connection.client
      .request(on ? 'resumeProducer' : 'pauseProducer', { producerId: producer.id })
      .catch((error: unknown) => console.warn('padmeet media: mute state not confirmed by the SFU', error));
  }

  // ------------------------------------------------------------ join token

  #scheduleRefresh(): void {
    clearTimeout(this.#refreshTimer);
    if (!this.options.refreshToken || this.#closed) return;
    const expiresAt = joinTokenExpiresAt(this.#token);
    if (expiresAt === undefined) return;
    this.#refreshTimer = setTimeout(() => void this.#refreshNow(), refreshDelayMs(expiresAt));
  }

  /** Gets a new token from the web app and hands it to the SFU. False when it could not. */
  async #refreshNow(): Promise<boolean> {
    const refresh = this.options.refreshToken;
    if (!refresh) {
      this.#update({ status: 'refused', refusal: 'token-expired', message: EXPIRED_MESSAGE });
      return false;
    }
    try {
      const { token } = await refresh();
      this.#token = token;
      this.#update({ role: joinTokenRole(token) });
      const connection = this.#connection;
      if (connection?.client.isOpen && !connection.buffered) {
        await connection.client.request('refreshToken', { token }).catch((error: unknown) => {
          console.warn('padmeet media: the SFU did not take the new join token', error);
        });
      }
      this.#scheduleRefresh();
      return true;
    } catch (error) {
      const expiresAt = joinTokenExpiresAt(this.#token) ?? 0;
      if (expiresAt > Date.now() + 5000) {
        // Try again before the current token runs out.
        this.#refreshTimer = setTimeout(() => void this.#refreshNow(), 5000);
        return true;
      }
      const message = error instanceof Error && error.message ? error.message : EXPIRED_MESSAGE;
      this.#teardown();
      this.#update({ status: 'refused', refusal: 'token-expired', message });
      return false;
    }
  }
}
