import {
  signalingRequestIdSchema,
  signalingRequestSchema,
  signalingRequestTypes,
  type SignalingError,
  type SignalingRequestId,
  type SignalingRequestOf,
  type SignalingRequestType,
  type SignalingServerMessage,
} from '@padmeet/contract';
import { AppError, formatZodIssues, isAppError, type Logger } from '@padmeet/util';
import { refusalOf } from './refusal';

export type HandlerTableOf<C> = {
  [T in SignalingRequestType]: (context: C, request: SignalingRequestOf<T>) => Promise<unknown>;
};

/** Largest text frame the SFU reads; signaling messages are a few kB. */
export const MAX_SIGNALING_FRAME_BYTES = 64 * 1024;

function errorMessage(id: SignalingRequestId | undefined, error: SignalingError): SignalingServerMessage {
  return id === undefined ? { type: 'error', error } : { type: 'response', id, ok: false, error };
}

/** The id of a frame that is JSON but not a valid request, so its error can still be correlated. */
function salvageId(value: unknown): SignalingRequestId | undefined {
  if (typeof value !== 'object' || value === null || !('id' in value)) return undefined;
  const parsed = signalingRequestIdSchema.safeParse(value.id);
  return parsed.success ? parsed.data : undefined;
}

function describeInvalid(value: unknown, issues: Parameters<typeof formatZodIssues>[0]): string {
  const type = typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
  if (typeof type !== 'string') return `Messages need a string "type", one of: ${signalingRequestTypes.join(', ')}.`;
  if (!signalingRequestTypes.includes(type as SignalingRequestType)) {
    return `Unknown message type "${type.slice(0, 40)}"; expected one of: ${signalingRequestTypes.join(', ')}.`;
  }
  return `Invalid "${type}" message: ${formatZodIssues(issues)}`;
}

/**
 * Parses one text frame, validates it against the contract and runs its
 * handler. Always resolves to exactly one message to send back: a malformed
 * frame or a failing handler is answered, never thrown.
 */
export async function dispatchSignalingFrame<C>(
  raw: string,
  context: C,
  handlers: HandlerTableOf<C>,
  logger: Logger,
): Promise<SignalingServerMessage> {
  if (raw.length > MAX_SIGNALING_FRAME_BYTES) {
    return errorMessage(undefined, { code: 'BAD_INPUT', message: `Messages are at most ${MAX_SIGNALING_FRAME_BYTES} bytes.` });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return errorMessage(undefined, { code: 'BAD_INPUT', message: 'Messages must be JSON text, e.g. {"id":1,"type":"join",...}.' });
  }
  const parsed = signalingRequestSchema.safeParse(value);
  if (!parsed.success) {
    return errorMessage(salvageId(value), { code: 'BAD_INPUT', message: describeInvalid(value, parsed.error.issues) });
  }
  const request = parsed.data;
  const handler = handlers[request.type] as (context: C, request: unknown) => Promise<unknown>;
  try {
    const data = await handler(context, request);
    return { type: 'response', id: request.id, ok: true, data };
  } catch (error) {
    if (isAppError(error)) {
      const refusal = refusalOf(error);
      return errorMessage(request.id, { code: error.code, message: error.userMessage, ...(refusal ? { refusal } : {}) });
    }
    logger.error({ err: error, requestType: request.type }, 'signaling handler failed');
    const internal = new AppError('INTERNAL');
    return errorMessage(request.id, { code: internal.code, message: `${request.type} failed on the media server; try again.` });
  }
}
