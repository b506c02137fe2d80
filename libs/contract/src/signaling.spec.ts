import { describe, expect, it } from 'vitest';
import {
  highestSentLayer,
  signalingNotificationSchema,
  signalingRequestSchema,
  signalingRequestTypes,
  signalingResponseDataSchemas,
  signalingServerMessageSchema,
} from './signaling';

describe('signaling requests', () => {
  it('accepts each request shape with a numeric or string id', () => {
    expect(signalingRequestSchema.parse({ id: 1, type: 'getRouterRtpCapabilities' }).type).toBe('getRouterRtpCapabilities');
    const join = signalingRequestSchema.parse({ id: 'a-1', type: 'join', rtpCapabilities: { codecs: [] } });
    expect(join).toEqual({ id: 'a-1', type: 'join', rtpCapabilities: { codecs: [] }, transports: [], resumeConsumers: [] });
    const prepare = signalingRequestSchema.parse({ id: 2, type: 'prepare', rtpCapabilities: { codecs: [] }, transports: ['recv'] });
    expect(prepare).toEqual({ id: 2, type: 'prepare', rtpCapabilities: { codecs: [] }, transports: ['recv'] });
    const produce = signalingRequestSchema.parse({ id: 3, type: 'produce', transportId: 't', kind: 'video', source: 'camera', rtpParameters: { mid: '0' } });
    expect(produce.type === 'produce' && produce.rtpParameters).toEqual({ mid: '0' });
    expect(produce.type === 'produce' && produce.paused).toBe(false);
  });

  it('rejects unknown types, missing ids and bad fields', () => {
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'hack' }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ type: 'join', rtpCapabilities: {} }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: -1, type: 'leave' }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'createTransport', direction: 'sideways' }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'produce', transportId: 't', kind: 'data', rtpParameters: {} }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'connectTransport', transportId: 't', dtlsParameters: 'x' }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'produce', transportId: 't', kind: 'video', rtpParameters: {} }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'setConsumerViews', views: [] }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'prepare', rtpCapabilities: {}, transports: ['sideways'] }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 1, type: 'join', rtpCapabilities: {}, resumeConsumers: 'c1' }).success).toBe(false);
  });

  it('lists every request type once and has a response schema for each', () => {
    expect(new Set(signalingRequestTypes).size).toBe(signalingRequestTypes.length);
    expect(signalingRequestTypes).toContain('resumeConsumer');
    for (const type of signalingRequestTypes) expect(signalingResponseDataSchemas[type]).toBeDefined();
  });
});

describe('server messages', () => {
  it('parses ok and error responses', () => {
    expect(signalingServerMessageSchema.parse({ type: 'response', id: 7, ok: true, data: { producerId: 'p' } })).toMatchObject({ ok: true });
    const failed = signalingServerMessageSchema.parse({ type: 'response', id: 7, ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    expect(failed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(signalingServerMessageSchema.safeParse({ type: 'response', id: 7, ok: false, error: { code: 'NOPE', message: 'x' } }).success).toBe(false);
  });

  it('parses notifications and refuses unknown ones', () => {
    expect(signalingNotificationSchema.parse({ type: 'peerLeft', peerId: 'p1' })).toEqual({ type: 'peerLeft', peerId: 'p1' });
    expect(
      signalingNotificationSchema.parse({ type: 'newProducer', peerId: 'p1', producerId: 'x', kind: 'audio', source: 'mic', paused: false }).type,
    ).toBe('newProducer');
    expect(signalingNotificationSchema.safeParse({ type: 'peerJoined', peerId: 'p', displayName: '', role: 'guest' }).success).toBe(false);
    expect(signalingNotificationSchema.safeParse({ type: 'somethingElse' }).success).toBe(false);
  });

  it('says what the room watches of a video: nothing, or up to which layer', () => {
    expect(signalingNotificationSchema.parse({ type: 'videoDemand', producerId: 'v', wanted: false })).toEqual({ type: 'videoDemand', producerId: 'v', wanted: false });
    expect(signalingNotificationSchema.parse({ type: 'videoDemand', producerId: 'v', wanted: true, spatialLayer: 2 })).toMatchObject({ spatialLayer: 2 });
    for (const spatialLayer of [-1, 1.5, 8, '2']) {
      expect(signalingNotificationSchema.safeParse({ type: 'videoDemand', producerId: 'v', wanted: true, spatialLayer }).success).toBe(false);
    }
  });
});

describe('highestSentLayer (what a sender encodes, as the SFU\'s videoDemand says)', () => {
  it('starts on the lowest layer, sends up to the layer asked (at most its top one), and nothing while no one watches', () => {
    expect(highestSentLayer(3, undefined)).toBe(0);
    expect(highestSentLayer(3, { wanted: true, spatialLayer: 1 })).toBe(1);
    expect(highestSentLayer(3, { wanted: true, spatialLayer: 7 })).toBe(2);
    expect(highestSentLayer(3, { wanted: true })).toBe(2);
    expect(highestSentLayer(3, { wanted: false })).toBe(-1);
    expect(highestSentLayer(1, { wanted: true, spatialLayer: 2 })).toBe(0);
  });
});
