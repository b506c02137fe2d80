import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import type { PeerProducerAppData, PeerTransportAppData } from './peer';
import { publishProducer } from './signaling/handlers/produce';
import { startTestSfu, until, type TestSfu } from './testing/harness';
import { feedAudio, feedSimulcast, speechLevels, type Feeder } from './testing/rtp';

// A room larger than one worker holds: past peersPerRouter, peers go to a router on the other
// worker and every producer is piped there (real workers, real RTP from Node).
let sfu: TestSfu;
const feeders: Feeder[] = [];
const sinks: Socket[] = [];

beforeAll(async () => {
  sfu = await startTestSfu({ workers: 2, rtcPort: 31380, peersPerRouter: 2 });
});

afterAll(async () => {
  for (const feeder of feeders) feeder.stop();
  for (const sink of sinks) sink.close();
  await sfu?.close();
});

const VP8_SIMULCAST: types.RtpParameters = {
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: 'nack', parameter: 'pli' }] }],
  encodings: [{ ssrc: 411_000 }, { ssrc: 422_000 }, { ssrc: 433_000 }],
  headerExtensions: [],
  rtcp: { cname: 'spread-camera' },
};

function withoutBandwidthEstimation(capabilities: { codecs: unknown[]; headerExtensions?: unknown[] }) {
  const codecs = (capabilities.codecs as Array<{ rtcpFeedback?: Array<{ type: string }> }>).map((codec) => ({
    ...codec,
    rtcpFeedback: (codec.rtcpFeedback ?? []).filter((feedback) => feedback.type !== 'transport-cc' && feedback.type !== 'goog-remb'),
  }));
  const headerExtensions = ((capabilities.headerExtensions ?? []) as Array<{ uri: string }>).filter(
    (extension) => !/transport-wide-cc|abs-send-time/.test(extension.uri),
  );
  return { ...capabilities, codecs, headerExtensions };
}

describe('a room spread over two workers (pipeToRouter)', () => {
  it('places the third peer on the other worker, where it receives a producer of the first router; pause and close follow through the pipe', async () => {
    const roomId = 'spread-room';
    const people = [];
    for (const name of ['Ada', 'Bo', 'Cy', 'Di']) people.push(await sfu.joined({ room: roomId, name }, ['recv']));
    const [ada, , cy, di] = people;
    if (!ada || !cy || !di) throw new Error('four people joined');
    const room = sfu.server.registry.get(roomId);
    if (!room) throw new Error('the room exists');
    const routers = room.routers();
    expect(routers).toHaveLength(2);
    expect(routers.map((entry) => entry.peers)).toEqual([2, 2]);
    expect(new Set(routers.map((entry) => entry.workerPid)).size).toBe(2);
    const adaPeer = room.peers.get(ada.peerId)!;
    const cyPeer = room.peers.get(cy.peerId)!;
    expect(room.mediaOf(cyPeer).router.id).not.toBe(room.mediaOf(adaPeer).router.id);
    // Every transport of a peer lives on its own router's worker.
    for (const transport of cyPeer.transports.values()) expect(transport.appData.direction).toBe('recv');

    // Ada's camera on the first router (a comedia PlainTransport fed from Node), made part of the room like a produced one.
    const adaRouter = room.mediaOf(adaPeer).router;
    const sendTransport = await adaRouter.createPlainTransport<PeerTransportAppData>({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: true,
      appData: { peerId: ada.peerId, direction: 'send' },
    });
    adaPeer.addTransport(sendTransport);
    const producer = await sendTransport.produce<PeerProducerAppData>({ kind: 'video', rtpParameters: VP8_SIMULCAST, appData: { peerId: ada.peerId, source: 'camera' } });
    await publishProducer(room, adaPeer, producer);
    feeders.push(feedSimulcast({ port: sendTransport.tuple.localPort, payloadType: 101, ssrcs: [411_000, 422_000, 433_000] }));
    await cy.client.waitFor((m) => m.type === 'newProducer' && m.producerId === producer.id);

    // Cy, on the second router, consumes it through signaling into a receiving PlainTransport on its own router.
    const sink = createSocket('udp4');
    sinks.push(sink);
    let received = 0;
    sink.on('message', () => (received += 1));
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
    const cyRouter = room.mediaOf(cyPeer).router;
    const recvTransport = await cyRouter.createPlainTransport<PeerTransportAppData>({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: false,
      appData: { peerId: cy.peerId, direction: 'recv' },
    });
    await recvTransport.connect({ ip: '127.0.0.1', port: (sink.address() as AddressInfo).port });
    cyPeer.addTransport(recvTransport);
    const { rtpCapabilities } = await cy.client.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    cyPeer.rtpCapabilities = withoutBandwidthEstimation(rtpCapabilities) as types.RtpCapabilities;
    const { consumerId } = await cy.client.ok<{ consumerId: string }>('consume', { transportId: recvTransport.id, producerId: producer.id });
    await cy.client.ok('resumeConsumer', { consumerId });
    await until(() => received > 10, 'packets of the first router at a consumer on the second', 15_000);

    // Paused at the source: nothing more crosses the pipe; resumed: it flows again.
    await ada.client.ok('pauseProducer', { producerId: producer.id });
    await until(() => cyPeer.consumers.get(consumerId)?.producerPaused === true, 'the piped producer to pause');
    await ada.client.ok('resumeProducer', { producerId: producer.id });
    const before = received;
    await until(() => received > before + 10, 'packets again after resume', 15_000);

    // A microphone on the second router reaches the active speaker observer of the first through its pipe.
    const diPeer = room.peers.get(di.peerId)!;
    const diRouter = room.mediaOf(diPeer).router;
    const micTransport = await diRouter.createPlainTransport<PeerTransportAppData>({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: true,
      appData: { peerId: di.peerId, direction: 'send' },
    });
    diPeer.addTransport(micTransport);
    const mic = await micTransport.produce<PeerProducerAppData>({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc: 6001 }],
        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
        rtcp: { cname: 'di' },
      },
      appData: { peerId: di.peerId, source: 'mic' },
    });
    await publishProducer(room, diPeer, mic);
    feeders.push(feedAudio({ port: micTransport.tuple.localPort, payloadType: 100, ssrc: 6001, extensionId: 1, level: speechLevels() }));
    await ada.client.waitFor((m) => m.type === 'activeSpeaker' && m.peerId === di.peerId, 20_000);

    // Closing the producer closes its pipe, and the consumer on the other router with it.
    await ada.client.ok('closeProducer', { producerId: producer.id });
    await cy.client.waitFor((m) => m.type === 'consumerClosed' && m.consumerId === consumerId);
    expect(cyPeer.consumers.has(consumerId)).toBe(false);
  });
});

describe('plain SRTP transports (load testing only)', () => {
  it('are refused without load testing on the SFU, and for a token that does not say loadTest', async () => {
    const plainSfu = await startTestSfu({ rtcPort: 31390, loadTest: { listenIp: '127.0.0.1' } });
    try {
      const load = await sfu.joined({ room: 'plain-room', loadTest: true });
      const offServer = await load.client.request('createPlainTransport', { direction: 'send' });
      expect(offServer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/load testing is off/) } });

      const ordinary = await plainSfu.joined({ room: 'plain-room' });
      const noClaim = await ordinary.client.request('createPlainTransport', { direction: 'send' });
      expect(noClaim).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/load-test join token/) } });
      expect(plainSfu.server.registry.get('plain-room')?.peers.get(ordinary.peerId)?.transports.size).toBe(0);

      const allowed = await plainSfu.joined({ room: 'plain-room', loadTest: true });
      const info = await allowed.client.ok<{ transportId: string; port: number; srtpParameters: { cryptoSuite: string; keyBase64: string } }>(
        'createPlainTransport',
        { direction: 'recv', cryptoSuite: 'AEAD_AES_128_GCM' },
      );
      expect(info.srtpParameters.cryptoSuite).toBe('AEAD_AES_128_GCM');
      expect(info.port).toBeGreaterThan(0);
      const missingAddress = await allowed.client.request('connectPlainTransport', {
        transportId: info.transportId,
        srtpParameters: { cryptoSuite: 'AEAD_AES_128_GCM', keyBase64: info.srtpParameters.keyBase64 },
      });
      expect(missingAddress).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/ip and port/) } });
      const badKey = await allowed.client.request('connectPlainTransport', {
        transportId: info.transportId,
        ip: '127.0.0.1',
        port: 9,
        srtpParameters: { cryptoSuite: 'AEAD_AES_128_GCM', keyBase64: 'c2hvcnQta2V5LW9mLTE2Yg==' },
      });
      expect(badKey).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      const notMine = await ordinary.client.request('connectPlainTransport', {
        transportId: info.transportId,
        srtpParameters: info.srtpParameters,
      });
      expect(notMine).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      await plainSfu.close();
    }
  });
});
