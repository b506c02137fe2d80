import { describe, expect, it } from 'vitest';
import { AppError, createLogger } from '@padmeet/util';
import { dispatchSignalingFrame, type HandlerTableOf } from './dispatch';
import { SfuRefusal } from './refusal';

const logger = createLogger({ name: 'test', level: 'silent' });
const calls: string[] = [];
const notImplemented = async () => {
  throw new Error('boom');
};
const handlers = {
  getRouterRtpCapabilities: async () => ({ rtpCapabilities: { codecs: [] } }),
  join: async (context: { canPublish: boolean }) => {
    calls.push('join');
    return { canPublish: context.canPublish };
  },
  leave: async () => {
    throw new AppError('CONFLICT', { userMessage: 'Send "join" before "leave".' });
  },
  refreshToken: async () => {
    throw new SfuRefusal('UNAUTHENTICATED', 'token-expired', 'The new join token has already expired.');
  },
  prepare: notImplemented,
  setConsumerViews: notImplemented,
  moderate: notImplemented,
  createPlainTransport: notImplemented,
  connectPlainTransport: notImplemented,
  createTransport: notImplemented,
  connectTransport: notImplemented,
  restartIce: notImplemented,
  produce: notImplemented,
  closeProducer: notImplemented,
  pauseProducer: notImplemented,
  resumeProducer: notImplemented,
  consume: notImplemented,
  resumeConsumer: notImplemented,
  closeConsumer: notImplemented,
} satisfies HandlerTableOf<{ canPublish: boolean }>;

const dispatch = (raw: string) => dispatchSignalingFrame(raw, { canPublish: true }, handlers, logger);

describe('dispatchSignalingFrame', () => {
  it('runs the handler of a valid request and answers with its id', async () => {
    expect(await dispatch(JSON.stringify({ id: 4, type: 'join', rtpCapabilities: {} }))).toEqual({
      type: 'response',
      id: 4,
      ok: true,
      data: { canPublish: true },
    });
    expect(calls).toEqual(['join']);
  });

  it('answers non-JSON with an uncorrelated error', async () => {
    expect(await dispatch('{oops')).toEqual({ type: 'error', error: { code: 'BAD_INPUT', message: expect.stringMatching(/JSON/) } });
  });

  it('names an unknown type and keeps the id of an invalid request', async () => {
    const unknown = await dispatch(JSON.stringify({ id: 'x1', type: 'fly' }));
    expect(unknown).toMatchObject({ type: 'response', id: 'x1', ok: false, error: { code: 'BAD_INPUT' } });
    expect(unknown.type === 'response' && !unknown.ok && unknown.error.message).toMatch(/Unknown message type "fly".*join/);
    const invalid = await dispatch(JSON.stringify({ id: 2, type: 'createTransport', direction: 'both' }));
    expect(invalid.type === 'response' && !invalid.ok && invalid.error.message).toMatch(/^Invalid "createTransport" message: direction/);
    expect(await dispatch(JSON.stringify({ type: 'join' }))).toMatchObject({ type: 'error' });
    expect(await dispatch(JSON.stringify([1, 2]))).toMatchObject({ type: 'error', error: { message: expect.stringMatching(/"type"/) } });
  });

  it('maps AppError to its code and hides unexpected errors behind INTERNAL', async () => {
    expect(await dispatch(JSON.stringify({ id: 1, type: 'leave' }))).toEqual({
      type: 'response',
      id: 1,
      ok: false,
      error: { code: 'CONFLICT', message: 'Send "join" before "leave".' },
    });
    expect(await dispatch(JSON.stringify({ id: 3, type: 'refreshToken', token: 't' }))).toEqual({
      type: 'response',
      id: 3,
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'The new join token has already expired.', refusal: 'token-expired' },
    });
    const internal = await dispatch(JSON.stringify({ id: 2, type: 'resumeConsumer', consumerId: 'c' }));
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.not.stringMatching(/boom/) } });
  });

  it('refuses oversized frames', async () => {
    expect(await dispatch('x'.repeat(70_000))).toMatchObject({ type: 'error', error: { message: expect.stringMatching(/at most/) } });
  });
});
