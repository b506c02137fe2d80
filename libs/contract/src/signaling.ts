import { z } from 'zod';
import { roleSchema } from './join-token';
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

export const transportDirectionSchema = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof transportDirectionSchema>;

const entityIdSchema = z.string().min(1).max(64);

const request = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.object({ id: signalingRequestIdSchema, type: z.literal(type), ...shape });

/** Before `join`: the router's capabilities, to load the mediasoup-client Device. */
export const getRouterRtpCapabilitiesRequestSchema = request('getRouterRtpCapabilities', {});
/** Enter the room: announces this peer to the others and lists who is there. */
export const joinRequestSchema = request('join', { rtpCapabilities: opaqueObjectSchema });
export const createTransportRequestSchema = request('createTransport', { direction: transportDirectionSchema });
export const connectTransportRequestSchema = request('connectTransport', {
  transportId: entityIdSchema,
  dtlsParameters: opaqueObjectSchema,
});
export const restartIceRequestSchema = request('restartIce', { transportId: entityIdSchema });
export const produceRequestSchema = request('produce', {
  transportId: entityIdSchema,
  kind: mediaKindSchema,
  rtpParameters: opaqueObjectSchema,
});
export const closeProducerRequestSchema = request('closeProducer', { producerId: entityIdSchema });
export const pauseProducerRequestSchema = request('pauseProducer', { producerId: entityIdSchema });
export const resumeProducerRequestSchema = request('resumeProducer', { producerId: entityIdSchema });
/** Consumers start paused; resume once the client-side consumer exists. */
export const consumeRequestSchema = request('consume', { transportId: entityIdSchema, producerId: entityIdSchema });
export const resumeConsumerRequestSchema = request('resumeConsumer', { consumerId: entityIdSchema });
export const closeConsumerRequestSchema = request('closeConsumer', { consumerId: entityIdSchema });
/** Leave the room but keep the socket (the server also treats a closed socket as leave). */
export const leaveRequestSchema = request('leave', {});

export const signalingRequestSchema = z.discriminatedUnion('type', [
  getRouterRtpCapabilitiesRequestSchema,
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
  leaveRequestSchema,
]);
export type SignalingRequest = z.infer<typeof signalingRequestSchema>;
export type SignalingRequestType = SignalingRequest['type'];
export type SignalingRequestOf<T extends SignalingRequestType> = Extract<SignalingRequest, { type: T }>;
/** A request as the client builds it, before the correlator assigns the id. */
export type SignalingRequestBody<T extends SignalingRequestType> = Omit<SignalingRequestOf<T>, 'id' | 'type'>;

export const signalingRequestTypes = signalingRequestSchema.options.map((option) => option.shape.type.value);

// ---------------------------------------------------------------- response data

export const producerInfoSchema = z.object({ producerId: entityIdSchema, kind: mediaKindSchema, paused: z.boolean() });
export type ProducerInfo = z.infer<typeof producerInfoSchema>;

export const peerInfoSchema = z.object({
  peerId: entityIdSchema,
  displayName: displayNameSchema,
  role: roleSchema,
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
    canPublish: z.boolean(),
    peers: z.array(peerInfoSchema),
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
  leave: z.object({}),
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

export const signalingErrorSchema = z.object({ code: signalingErrorCodeSchema, message: z.string() });
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
});
export const peerLeftNotificationSchema = notification('peerLeft', { peerId: entityIdSchema });
export const newProducerNotificationSchema = notification('newProducer', {
  peerId: entityIdSchema,
  producerId: entityIdSchema,
  kind: mediaKindSchema,
  paused: z.boolean(),
});
export const producerClosedNotificationSchema = notification('producerClosed', { peerId: entityIdSchema, producerId: entityIdSchema });
export const producerPausedNotificationSchema = notification('producerPaused', { peerId: entityIdSchema, producerId: entityIdSchema });
export const producerResumedNotificationSchema = notification('producerResumed', { peerId: entityIdSchema, producerId: entityIdSchema });
/** One of this peer's consumers was closed by the server (its producer or transport went away). */
export const consumerClosedNotificationSchema = notification('consumerClosed', { consumerId: entityIdSchema, producerId: entityIdSchema });
/** The room ended under this peer (e.g. its media worker died); rejoin to continue. */
export const roomClosedNotificationSchema = notification('roomClosed', { reason: z.string() });
/** A frame that could not be answered as a response (no usable id, not JSON). */
export const signalingErrorNotificationSchema = notification('error', { error: signalingErrorSchema });

export const signalingNotificationSchema = z.discriminatedUnion('type', [
  peerJoinedNotificationSchema,
  peerLeftNotificationSchema,
  newProducerNotificationSchema,
  producerClosedNotificationSchema,
  producerPausedNotificationSchema,
  producerResumedNotificationSchema,
  consumerClosedNotificationSchema,
  roomClosedNotificationSchema,
  signalingErrorNotificationSchema,
]);
export type SignalingNotification = z.infer<typeof signalingNotificationSchema>;
export type SignalingNotificationType = SignalingNotification['type'];
export type SignalingNotificationOf<T extends SignalingNotificationType> = Extract<SignalingNotification, { type: T }>;

export const signalingServerMessageSchema = z.union([signalingResponseSchema, signalingNotificationSchema]);
export type SignalingServerMessage = z.infer<typeof signalingServerMessageSchema>;

/** WebSocket path of the SFU; the join token travels as `?token=`. */
export const SFU_WS_PATH = '/ws';
