import { z } from 'zod';
import { PERSON_COLOURS } from './identity';
import { roleSchema, type Role } from './join-token';
import { displayNameSchema } from './room';

/**
 * The SFU signaling protocol, spoken as JSON text frames over the WebSocket
 * `/ws?token=<join JWT>`. The room and the peer's grants come from the token,
 * never from a message.
 *
 * - client → server: requests `{ id, type, ...fields }`; each gets exactly one response.
 * - server → client: responses `{ type: 'response', id, ok: true, data }` or
 *   `{ type: 'response', id, ok: false, error: { code, message } }`, notifications
 *   (`peerJoined`, `newProducer`, ...) and, for a frame that carried no usable id,
 *   `{ type: 'error', error }`.
 *
 * mediasoup's own structures (RTP capabilities/parameters, DTLS/ICE parameters)
 * are passed through as opaque objects: mediasoup validates them, the contract
 * does not duplicate its types.
 */

/** Opaque mediasoup/WebRTC structure (validated by mediasoup on the server). */
const opaqueObjectSchema = z.looseObject({});

export const signalingRequestIdSchema = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);
export type SignalingRequestId = z.infer<typeof signalingRequestIdSchema>;

export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/**
 * What a producer carries. A peer has at most one producer per source; the kind follows from it
 * (`mic` and `screen-audio` are audio, `camera` and `screen` video).
 */
export const mediaSourceSchema = z.enum(['mic', 'camera', 'screen', 'screen-audio']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export const kindOfSource: Record<MediaSource, MediaKind> = { mic: 'audio', camera: 'video', screen: 'video', 'screen-audio': 'audio' };

/** Why the SFU ended a peer's connection (the `sessionEnded` notification, then the socket closes). */
export const sessionEndReasonSchema = z.enum(['token-expired', 'replaced', 'server-shutdown', 'room-closed', 'removed']);
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

/**
 * A refusal the room page shows in its own words (beside `code`): a full room, too many
 * connections for one person or one join token, an expired token, a person a moderator removed.
 */
export const signalingRefusalSchema = z.enum(['room-full', 'connection-limit', 'token-expired', 'removed']);
export type SignalingRefusal = z.infer<typeof signalingRefusalSchema>;

export const transportDirectionSchema = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof transportDirectionSchema>;

const entityIdSchema = z.string().min(1).max(64);

const request = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.object({ id: signalingRequestIdSchema, type: z.literal(type), ...shape });

/** Before `join`: the router's capabilities, to load the mediasoup-client Device. */
export const getRouterRtpCapabilitiesRequestSchema = request('getRouterRtpCapabilities', {});
/**
 * Enter the room: announces this peer to the others and lists who is there. The transports the
 * client asks for come back in the same response (one round trip to be in the room): `recv`
 * always makes sense, `send` only with `canPublish`.
 */
export const joinRequestSchema = request('join', {
  rtpCapabilities: opaqueObjectSchema,
  transports: z.array(transportDirectionSchema).max(2).default([]),
  /**
   * Consumers `prepare` made whose browser side is ready: they start with the join, as after
   * `resumeConsumer` (so the first picture is on its way while the page draws the room). Ids that
   * are not (any more) this connection's consumers are skipped: their media may have ended.
   */
  resumeConsumers: z.array(entityIdSchema).max(400).default([]),
});
/**
 * Before `join`, while the person is still on the pre-join screen: the transports and a paused
 * consumer for each medium in the room now, so ICE and DTLS are done before the click. The peer
 * is not announced, takes no place in the room and receives nothing: its consumers stay paused
 * until it has joined and sent `resumeConsumer`. `join` then returns the same transports; media
 * that appeared in between is consumed as usual, and consumers of media that ended meanwhile get
 * `consumerClosed`. Optional: `join` alone does everything too.
 */
export const prepareRequestSchema = request('prepare', {
  rtpCapabilities: opaqueObjectSchema,
  transports: z.array(transportDirectionSchema).max(2).default([]),
});
export const createTransportRequestSchema = request('createTransport', { direction: transportDirectionSchema });
export const connectTransportRequestSchema = request('connectTransport', {
  transportId: entityIdSchema,
  dtlsParameters: opaqueObjectSchema,
});
export const restartIceRequestSchema = request('restartIce', { transportId: entityIdSchema });
export const produceRequestSchema = request('produce', {
  transportId: entityIdSchema,
  kind: mediaKindSchema,
  /** At most one producer per source and peer; the kind must match the source. */
  source: mediaSourceSchema,
  rtpParameters: opaqueObjectSchema,
  /** Start paused (join with the microphone off): the others see it muted from the start. */
  paused: z.boolean().default(false),
});
export const closeProducerRequestSchema = request('closeProducer', { producerId: entityIdSchema });
export const pauseProducerRequestSchema = request('pauseProducer', { producerId: entityIdSchema });
export const resumeProducerRequestSchema = request('resumeProducer', { producerId: entityIdSchema });
/** Consumers start paused; resume once the client-side consumer exists. */
export const consumeRequestSchema = request('consume', { transportId: entityIdSchema, producerId: entityIdSchema });
export const resumeConsumerRequestSchema = request('resumeConsumer', { consumerId: entityIdSchema });
export const closeConsumerRequestSchema = request('closeConsumer', { consumerId: entityIdSchema });

/**
 * How this client shows one remote video: whether its tile is on screen and its size in CSS
 * pixels times devicePixelRatio. The SFU picks the consumer's preferred simulcast layer from the
 * size and pauses consumers whose tile is not visible; audio consumers are never paused this way.
 * A consumer nobody described yet is visible and gets the lowest layer.
 */
export const consumerViewSchema = z.object({
  consumerId: entityIdSchema,
  visible: z.boolean(),
  width: z.number().int().min(0).max(7680),
  height: z.number().int().min(0).max(4320),
});
export type ConsumerView = z.infer<typeof consumerViewSchema>;
export const setConsumerViewsRequestSchema = request('setConsumerViews', { views: z.array(consumerViewSchema).min(1).max(200) });

/**
 * A fresh join token for the same room and subject (the client asks the web app for it before the
 * current one expires). The SFU closes a peer whose token expires without a refresh.
 */
export const refreshTokenRequestSchema = request('refreshToken', { token: z.string().min(1).max(4096) });
/** Leave the room but keep the socket (the server also treats a closed socket as leave). */
export const leaveRequestSchema = request('leave', {});

// ---------------------------------------------------------------- moderation (the chair's controls)

/**
 * What a moderator may do to someone else in the room: pause their microphone on the server (they
 * may unmute), close their screen share, or remove them (their token and person are refused in
 * this room until that token's expiry).
 */
export const moderationActionSchema = z.enum(['mute-mic', 'stop-screen', 'remove']);
export type ModerationAction = z.infer<typeof moderationActionSchema>;

/** Longest reason a removal may carry (shown to the removed person). */
export const MODERATION_REASON_MAX = 200;

/** A moderator acts on another peer of the same room; `reason` goes with `remove` only. */
export const moderateRequestSchema = request('moderate', {
  action: moderationActionSchema,
  peerId: entityIdSchema,
  reason: z
    .string()
    .trim()
    .max(MODERATION_REASON_MAX, `A reason is at most ${MODERATION_REASON_MAX} characters.`)
    .regex(/^[^\p{Cc}]*$/u, 'A reason is one line of plain text.')
    .optional(),
});

/** The roles that may moderate a room: the join token's room role (admin, organiser of the event, chair of the running session's track). */
const MODERATOR_RANK: Partial<Record<Role, number>> = { chair: 1, organiser: 2, admin: 3 };

/** Whether a person with this room role may use the chair's controls (the SFU decides; the page only shows them). */
export function canModerate(role: Role): boolean {
  return (MODERATOR_RANK[role] ?? 0) > 0;
}

/**
 * Why `actor` may not do `action` to `target` (undefined: allowed). Only moderators act; nobody
 * acts on their own connection (their own controls do that); a removal needs a higher standing
 * than the target's (a chair cannot remove an organiser or another chair).
 */
export function moderationRefusal(
  actor: { peerId: string; role: Role },
  target: { peerId: string; role: Role },
  action: ModerationAction,
): string | undefined {
  if (!canModerate(actor.role)) return "Only the session's chair or the event's organisers can do that.";
  if (actor.peerId === target.peerId) {
    return action === 'remove' ? 'Use "Leave" to leave the room.' : 'Use your own controls for your microphone and screen share.';
  }
  if (action === 'remove' && (MODERATOR_RANK[target.role] ?? 0) >= (MODERATOR_RANK[actor.role] ?? 0)) {
    return `You cannot remove someone whose role here (${target.role}) is the same as or above yours.`;
  }
  return undefined;
}

// ---------------------------------------------------------------- load testing: plain SRTP transports (issue 13)

/**
 * SRTP crypto suites of a plain transport (WebRTC negotiates one of these over DTLS; a plain
 * transport is told it and its keys in signaling instead).
 */
export const srtpCryptoSuiteSchema = z.enum(['AEAD_AES_256_GCM', 'AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32']);
export type SrtpCryptoSuite = z.infer<typeof srtpCryptoSuiteSchema>;
/** One side's SRTP master key and salt, base64 (what that side encrypts with). */
export const srtpParametersSchema = z.object({ cryptoSuite: srtpCryptoSuiteSchema, keyBase64: z.string().min(16).max(128) });
export type SrtpParameters = z.infer<typeof srtpParametersSchema>;

/**
 * Load testing only: a plain RTP transport with SRTP (no ICE, no DTLS) instead of a WebRTC one,
 * for synthetic participants driven from Node (infra/bench/capacity). Refused (FORBIDDEN) unless
 * the SFU runs with load testing enabled and the join token says `loadTest`. It listens on its own
 * UDP port of the worker's range (not the worker's one WebRTC port). `send`: the SFU learns the
 * sender's address from its first packet; `recv`: `connectPlainTransport` says where to send.
 */
export const createPlainTransportRequestSchema = request('createPlainTransport', {
  direction: transportDirectionSchema,
  cryptoSuite: srtpCryptoSuiteSchema.default('AES_CM_128_HMAC_SHA1_80'),
});
/** The client's SRTP key (what it encrypts with), and for a `recv` transport where it listens. */
export const connectPlainTransportRequestSchema = request('connectPlainTransport', {
  transportId: entityIdSchema,
  ip: z.ipv4().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  srtpParameters: srtpParametersSchema,
});
export const plainTransportInfoSchema = z.object({
  transportId: entityIdSchema,
  ip: z.string(),
  port: z.number().int(),
  /** What the SFU encrypts with on this transport. */
  srtpParameters: srtpParametersSchema,
});
export type PlainTransportInfo = z.infer<typeof plainTransportInfoSchema>;

export const signalingRequestSchema = z.discriminatedUnion('type', [
  getRouterRtpCapabilitiesRequestSchema,
  prepareRequestSchema,
  joinRequestSchema,
  createTransportRequestSchema,
  connectTransportRequestSchema,
  restartIceRequestSchema,
  produceRequestSchema,
  closeProducerRequestSchema,
  pauseProducerRequestSchema,
  resumeProducerRequestSchema,
  consumeRequestSchema,
  resumeConsumerRequestSchema,
  closeConsumerRequestSchema,
  setConsumerViewsRequestSchema,
  refreshTokenRequestSchema,
  leaveRequestSchema,
  createPlainTransportRequestSchema,
  connectPlainTransportRequestSchema,
  moderateRequestSchema,
]);
export type SignalingRequest = z.infer<typeof signalingRequestSchema>;
export type SignalingRequestType = SignalingRequest['type'];
export type SignalingRequestOf<T extends SignalingRequestType> = Extract<SignalingRequest, { type: T }>;
/**
 * A request as the client builds it, before the correlator assigns the id: the schema's input, so
 * a field with a default (filled in by the SFU's parse) may be left out.
 */
export type SignalingRequestBody<T extends SignalingRequestType> = Omit<Extract<z.input<typeof signalingRequestSchema>, { type: T }>, 'id' | 'type'>;

export const signalingRequestTypes = signalingRequestSchema.options.map((option) => option.shape.type.value);

// ---------------------------------------------------------------- response data

export const producerInfoSchema = z.object({
  producerId: entityIdSchema,
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  paused: z.boolean(),
});
export type ProducerInfo = z.infer<typeof producerInfoSchema>;

/** A person's colour (`personColour` of the token's `sub`, computed by the SFU): the same on their tile, pad text and chat. */
export const personColourSchema = z.enum(PERSON_COLOURS);

export const peerInfoSchema = z.object({
  peerId: entityIdSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  colour: personColourSchema,
  producers: z.array(producerInfoSchema),
});
export type PeerInfo = z.infer<typeof peerInfoSchema>;

export const transportInfoSchema = z.object({
  transportId: entityIdSchema,
  iceParameters: opaqueObjectSchema,
  iceCandidates: z.array(opaqueObjectSchema),
  dtlsParameters: opaqueObjectSchema,
});
export type TransportInfo = z.infer<typeof transportInfoSchema>;

export const consumerInfoSchema = z.object({
  consumerId: entityIdSchema,
  producerId: entityIdSchema,
  peerId: entityIdSchema,
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  rtpParameters: opaqueObjectSchema,
  producerPaused: z.boolean(),
});
export type ConsumerInfo = z.infer<typeof consumerInfoSchema>;

/** What each request's successful response carries in `data`. */
export const signalingResponseDataSchemas = {
  getRouterRtpCapabilities: z.object({ rtpCapabilities: opaqueObjectSchema }),
  join: z.object({
    peerId: entityIdSchema,
    room: z.string(),
    displayName: displayNameSchema,
    /** This person's own colour (as the others see it). */
    colour: personColourSchema,
    canPublish: z.boolean(),
    peers: z.array(peerInfoSchema),
    /** The peer speaking now, if any (later changes come as `activeSpeaker`). */
    activeSpeakerPeerId: entityIdSchema.nullable(),
    /** The transports asked for in `transports`, in that order. */
    transports: z.array(transportInfoSchema.extend({ direction: transportDirectionSchema })),
  }),
  prepare: z.object({
    /** The transports asked for in `transports`, in that order (`join` returns them again). */
    transports: z.array(transportInfoSchema.extend({ direction: transportDirectionSchema })),
    /** One paused consumer per medium of the people in the room now (none without a `recv` transport). */
    consumers: z.array(consumerInfoSchema),
  }),
  createTransport: transportInfoSchema,
  connectTransport: z.object({}),
  restartIce: z.object({ iceParameters: opaqueObjectSchema }),
  produce: z.object({ producerId: entityIdSchema }),
  closeProducer: z.object({}),
  pauseProducer: z.object({}),
  resumeProducer: z.object({}),
  consume: consumerInfoSchema,
  resumeConsumer: z.object({}),
  closeConsumer: z.object({}),
  setConsumerViews: z.object({}),
  refreshToken: z.object({ expiresAt: z.number().int() }),
  leave: z.object({}),
  createPlainTransport: plainTransportInfoSchema,
  connectPlainTransport: z.object({}),
  moderate: z.object({}),
} satisfies Record<SignalingRequestType, z.ZodType>;
export type SignalingResponseData<T extends SignalingRequestType> = z.infer<(typeof signalingResponseDataSchemas)[T]>;

// ---------------------------------------------------------------- server → client

/** Same codes as AppError in @padmeet/util, so the SFU maps them one to one. */
export const signalingErrorCodeSchema = z.enum([
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type SignalingErrorCode = z.infer<typeof signalingErrorCodeSchema>;

export const signalingErrorSchema = z.object({
  code: signalingErrorCodeSchema,
  message: z.string(),
  refusal: signalingRefusalSchema.optional(),
});
export type SignalingError = z.infer<typeof signalingErrorSchema>;

export const signalingResponseSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: signalingRequestIdSchema, ok: z.literal(true), data: z.unknown() }),
  z.object({ type: z.literal('response'), id: signalingRequestIdSchema, ok: z.literal(false), error: signalingErrorSchema }),
]);
export type SignalingResponse = z.infer<typeof signalingResponseSchema>;

const notification = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

export const peerJoinedNotificationSchema = notification('peerJoined', {
  peerId: entityIdSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  colour: personColourSchema,
});
export const peerLeftNotificationSchema = notification('peerLeft', { peerId: entityIdSchema });
export const newProducerNotificationSchema = notification('newProducer', {
  peerId: entityIdSchema,
  producerId: entityIdSchema,
  kind: mediaKindSchema,
  source: mediaSourceSchema,
  paused: z.boolean(),
});
export const producerClosedNotificationSchema = notification('producerClosed', { peerId: entityIdSchema, producerId: entityIdSchema });
/**
 * Mute state: a producer was paused (muted) or resumed by its peer; `source` says which one.
 * `byPeerId`: a moderator paused it (see `moderated`).
 */
export const producerPausedNotificationSchema = notification('producerPaused', {
  peerId: entityIdSchema,
  producerId: entityIdSchema,
  source: mediaSourceSchema,
  byPeerId: entityIdSchema.optional(),
});
export const producerResumedNotificationSchema = notification('producerResumed', {
  peerId: entityIdSchema,
  producerId: entityIdSchema,
  source: mediaSourceSchema,
});
/** The room's ActiveSpeakerObserver: who speaks now (null: nobody for a while). */
export const activeSpeakerNotificationSchema = notification('activeSpeaker', { peerId: entityIdSchema.nullable() });
/**
 * A video consumer of this peer changed the layer it forwards (after setConsumerViews, or
 * bandwidth); `spatialLayer` null means nothing is forwarded (paused).
 */
export const consumerLayersChangedNotificationSchema = notification('consumerLayersChanged', {
  consumerId: entityIdSchema,
  spatialLayer: z.number().int().min(0).nullable(),
  temporalLayer: z.number().int().min(0).nullable(),
});
/** A consumer was paused or resumed by the SFU (its tile became invisible or visible). */
export const consumerPausedNotificationSchema = notification('consumerPaused', { consumerId: entityIdSchema });
export const consumerResumedNotificationSchema = notification('consumerResumed', { consumerId: entityIdSchema });
/**
 * What the room watches of one of this peer's video producers (its running consumers):
 * - `wanted: false`: no one sees it (everyone hides its tile, or its sender is alone), so the client
 *   stops encoding it; the producer stays, only its encodings pause;
 * - `wanted: true` with `spatialLayer`: the highest layer anyone receives (0 = the lowest), so the
 *   client encodes that layer and those below it and pauses the ones above (a room of thumbnails
 *   costs its senders one 180p encoding, not three up to 720p).
 *
 * A client starts a video on its lowest layer only (the SFU starts every consumer there too) and
 * adds layers when told.
 */
export const videoDemandNotificationSchema = notification('videoDemand', {
  producerId: entityIdSchema,
  wanted: z.boolean(),
  spatialLayer: z.number().int().min(0).max(7).optional(),
});

/**
 * The highest layer a sender of `layers` simulcast layers encodes, as the SFU's last `videoDemand`
 * for it says: none said yet, the lowest (0); no one watching, none (-1); else the layer asked for,
 * at most the top one (a single-layer video asked for "any" layer sends it whole).
 */
export function highestSentLayer(layers: number, demand: { wanted: boolean; spatialLayer?: number } | undefined): number {
  if (!demand) return 0;
  if (!demand.wanted) return -1;
  return Math.min(demand.spatialLayer ?? layers - 1, layers - 1);
}
/** The SFU ends this connection (the socket closes right after): why, in words for the page. */
export const sessionEndedNotificationSchema = notification('sessionEnded', { reason: sessionEndReasonSchema, message: z.string() });
/** One of this peer's consumers was closed by the server (its producer or transport went away). */
export const consumerClosedNotificationSchema = notification('consumerClosed', { consumerId: entityIdSchema, producerId: entityIdSchema });
/** The room ended under this peer (e.g. its media worker died); rejoin to continue. */
export const roomClosedNotificationSchema = notification('roomClosed', { reason: z.string() });
/** Moderation: who did what to whom, sent to everyone in the room (the target included, before a removal ends it). */
const moderationPartySchema = z.object({ peerId: entityIdSchema, displayName: displayNameSchema });
export const moderatedNotificationSchema = notification('moderated', {
  action: moderationActionSchema,
  by: moderationPartySchema,
  target: moderationPartySchema,
  reason: z.string().max(MODERATION_REASON_MAX).optional(),
});
export type ModeratedNotification = z.infer<typeof moderatedNotificationSchema>;
/** A frame that could not be answered as a response (no usable id, not JSON). */
export const signalingErrorNotificationSchema = notification('error', { error: signalingErrorSchema });

// --- Room health (issue 13): the SFU tells a room's moderators when loss or CPU is too high ---
export const roomHealthLevelSchema = z.enum(['ok', 'warning']);
export type RoomHealthLevel = z.infer<typeof roomHealthLevelSchema>;
/** `loss`: packets lost in the room; `cpu`: the media server's machine is busy. */
export const roomHealthReasonSchema = z.enum(['loss', 'cpu']);
export type RoomHealthReason = z.infer<typeof roomHealthReasonSchema>;
/**
 * Sent to the room's moderators only (admin, organiser, chair) when the room's health changes,
 * and on joining while it warns: `loss` (0-1) is the share of packets lost in the room over the
 * last sample, `cpu` (0-1) the busy share of the SFU machine's CPU.
 */
export const roomHealthNotificationSchema = notification('roomHealth', {
  level: roomHealthLevelSchema,
  reasons: z.array(roomHealthReasonSchema),
  loss: z.number().min(0).max(1),
  cpu: z.number().min(0).max(1),
});
export type RoomHealth = z.infer<typeof roomHealthNotificationSchema>;
// --- end room health ---

export const signalingNotificationSchema = z.discriminatedUnion('type', [
  peerJoinedNotificationSchema,
  peerLeftNotificationSchema,
  newProducerNotificationSchema,
  producerClosedNotificationSchema,
  producerPausedNotificationSchema,
  producerResumedNotificationSchema,
  activeSpeakerNotificationSchema,
  consumerLayersChangedNotificationSchema,
  consumerPausedNotificationSchema,
  consumerResumedNotificationSchema,
  videoDemandNotificationSchema,
  sessionEndedNotificationSchema,
  consumerClosedNotificationSchema,
  roomClosedNotificationSchema,
  roomHealthNotificationSchema,
  moderatedNotificationSchema,
  signalingErrorNotificationSchema,
]);
export type SignalingNotification = z.infer<typeof signalingNotificationSchema>;
export type SignalingNotificationType = SignalingNotification['type'];
export type SignalingNotificationOf<T extends SignalingNotificationType> = Extract<SignalingNotification, { type: T }>;

export const signalingServerMessageSchema = z.union([signalingResponseSchema, signalingNotificationSchema]);
export type SignalingServerMessage = z.infer<typeof signalingServerMessageSchema>;

/** WebSocket path of the SFU; the join token travels as `?token=`. */
export const SFU_WS_PATH = '/ws';

/** WebSocket close codes the SFU uses besides the standard ones (4000-4999 is the application range). */
export const SFU_CLOSE_CODES = {
  /** The join token expired and was not refreshed. */
  tokenExpired: 4401,
  /** Another connection took this one's place, or a limit was exceeded. */
  replaced: 4409,
  /** The room ended under the peer (worker died, server shutdown): reconnect. */
  roomClosed: 4503,
  /** A moderator removed the peer from the room: do not reconnect. */
  removed: 4403,
} as const;

/**
 * Simulcast layers of a camera, lowest first (what the client encodes, what the SFU chooses from):
 * about 320×180 at 150 kbit/s, 640×360 at 500 kbit/s, 1280×720 at 1.5 Mbit/s.
 */
export const CAMERA_SIMULCAST_LAYERS = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, height: 180 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, height: 360 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, height: 720 },
] as const;

/**
 * The spatial layer to forward for a tile of `height` device pixels: the lowest layer at least
 * as tall as the tile (the top one for anything larger). A tile of 0 pixels gets the lowest.
 */
export function spatialLayerForHeight(height: number, layers: readonly { height: number }[] = CAMERA_SIMULCAST_LAYERS): number {
  const index = layers.findIndex((layer) => layer.height >= height * 0.9);
  return index === -1 ? layers.length - 1 : index;
}
