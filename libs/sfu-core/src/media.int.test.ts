import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import type { MediaSource } from '@padmeet/contract';
import type { PeerProducerAppData, PeerTransportAppData } from './peer';
import { publishProducer } from './signaling/handlers/produce';
import { startTestSfu, until, type Client, type TestSfu } from './testing/harness';
import { feedAudio, feedSimulcast, speechLevels, type Feeder } from './testing/rtp';

// Media through the real mediasoup worker: RTP written from Node into PlainTransports (the
// server's registry gives the test the room's Router), everything else through real signaling.
let sfu: TestSfu;
const feeders: Feeder[] = [];
const sinks: Socket[] = [];

beforeAll(async () => {
  sfu = await startTestSfu({ rtcPort: 31310 });
});

afterEach(() => {
  for (const feeder of feeders.splice(0)) feeder.stop();
  for (const sink of sinks.splice(0)) sink.close();
  sfu.closeClients();
});

afterAll(async () => {
  await sfu?.close();
});

function peerOf(roomId: string, peerId: string) {
  const room = sfu.server.registry.get(roomId);
  const peer = room?.peers.get(peerId);
  if (!room || !peer) throw new Error(`peer ${peerId} is not in ${roomId}`);
  return { room, peer };
}

/** A producer of `peerId` fed over a comedia PlainTransport, made part of the room like a produced one. */
async function plainProducer(roomId: string, peerId: string, source: MediaSource, rtpParameters: types.RtpParameters) {
  const { room, peer } = peerOf(roomId, peerId);
  const transport = await room.router.createPlainTransport<PeerTransportAppData>({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: true,
    comedia: true,
    appData: { peerId, direction: 'send' },
  });
  peer.addTransport(transport);
  const producer = await transport.produce<PeerProducerAppData>({
    kind: source === 'mic' || source === 'screen-audio' ? 'audio' : 'video',
    rtpParameters,
    appData: { peerId, source },
  });
  await publishProducer(room, peer, producer);
  return { producer, port: transport.tuple.localPort };
}

/** A receive PlainTransport of `peerId` sending to a UDP socket of the test; consumed through signaling. */
async function plainReceiver(roomId: string, peerId: string) {
  const { room, peer } = peerOf(roomId, peerId);
  const sink = createSocket('udp4');
  sinks.push(sink);
  let received = 0;
  sink.on('message', () => (received += 1));
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', () => resolve()));
  const transport = await room.router.createPlainTransport<PeerTransportAppData>({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: true,
    comedia: false,
    appData: { peerId, direction: 'recv' },
  });
  await transport.connect({ ip: '127.0.0.1', port: (sink.address() as AddressInfo).port });
  peer.addTransport(transport);
  return { transportId: transport.id, received: () => received };
}

/** The router's capabilities without transport-wide congestion control: a plain receiver sends no feedback. */
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

async function joinWith(client: Client, rtpCapabilities: unknown) {
  return client.ok<{ peerId: string; activeSpeakerPeerId: string | null }>('join', { rtpCapabilities });
}

const VP8_SIMULCAST: types.RtpParameters = {
  codecs: [
    {
      mimeType: 'video/VP8',
      payloadType: 101,
      clockRate: 90000,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
    },
  ],
  // As the room page's camera: three simulcast layers, each with three temporal layers.
  encodings: [
    { ssrc: 111_000, scalabilityMode: 'L1T3' },
    { ssrc: 222_000, scalabilityMode: 'L1T3' },
    { ssrc: 333_000, scalabilityMode: 'L1T3' },
  ],
  headerExtensions: [],
  rtcp: { cname: 'camera-feeder' },
};

const opus = (ssrc: number): types.RtpParameters => ({
  codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }],
  rtcp: { cname: `mic-${ssrc}` },
});

describe('layers and visibility (3-layer VP8 simulcast from Node)', () => {
  it('forwards the lowest layer until the tile is described, follows the tile height, pauses a hidden tile', async () => {
    const roomId = 'layers-room';
    const alice = await sfu.connect({ room: roomId, name: 'Alice' });
    const { rtpCapabilities } = await alice.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    const { peerId: alicePeer } = await joinWith(alice, rtpCapabilities);
    const bob = await sfu.connect({ room: roomId, name: 'Bob' });
    const { peerId: bobPeer } = await joinWith(bob, withoutBandwidthEstimation(rtpCapabilities));

    const { producer, port } = await plainProducer(roomId, alicePeer, 'camera', VP8_SIMULCAST);
    const feeder = feedSimulcast({ port, payloadType: 101, ssrcs: [111_000, 222_000, 333_000] });
    feeders.push(feeder);
    expect(await bob.waitFor((m) => m.type === 'newProducer')).toMatchObject({ producerId: producer.id, source: 'camera', kind: 'video' });
    await until(() => producer.score.length === 3 && producer.score.every((entry) => entry.score > 0), 'all three layers to arrive');

    const receiver = await plainReceiver(roomId, bobPeer);
    const info = await bob.ok<{ consumerId: string; source: string }>('consume', { transportId: receiver.transportId, producerId: producer.id });
    expect(info.source).toBe('camera');
    const consumer = peerOf(roomId, bobPeer).peer.consumers.get(info.consumerId);
    if (!consumer) throw new Error('consumer not registered');
    expect(consumer.type).toBe('simulcast');
    expect(consumer.paused).toBe(true);

    // Ready, not yet described: visible, lowest layer, a thumbnail's half frame rate.
    await bob.ok('resumeConsumer', { consumerId: info.consumerId });
    expect(consumer.paused).toBe(false);
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 1 });
    await until(() => consumer.currentLayers?.spatialLayer === 0, 'the lowest layer', 10_000);
    await until(() => receiver.received() > 5, 'packets at the receiver');

    // A large tile: the top layer.
    await bob.ok('setConsumerViews', { views: [{ consumerId: info.consumerId, visible: true, width: 1280, height: 720 }] });
    // Every frame for a large tile; a thumbnail (below) gets every other one.
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 2, temporalLayer: 2 });
    await until(() => consumer.currentLayers?.spatialLayer === 2, 'the top layer', 10_000);
    await bob.waitFor((m) => m.type === 'consumerLayersChanged' && m.consumerId === info.consumerId && m.spatialLayer === 2);

    // A mid-sized tile: the middle layer.
    await bob.ok('setConsumerViews', { views: [{ consumerId: info.consumerId, visible: true, width: 600, height: 338 }] });
    await until(() => consumer.currentLayers?.spatialLayer === 1, 'the middle layer', 10_000);
    await bob.waitFor((m) => m.type === 'consumerLayersChanged' && m.consumerId === info.consumerId && m.spatialLayer === 1);

    // A view naming someone else's (or no) consumer changes nothing.
    const refused = await bob.request('setConsumerViews', {
      views: [
        { consumerId: info.consumerId, visible: false, width: 0, height: 0 },
        { consumerId: 'not-mine', visible: false, width: 0, height: 0 },
      ],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(consumer.paused).toBe(false);
    expect(consumer.preferredLayers?.spatialLayer).toBe(1);

    // Hidden: paused by the server, and the client is told; nothing reaches the receiver.
    await bob.ok('setConsumerViews', { views: [{ consumerId: info.consumerId, visible: false, width: 600, height: 338 }] });
    expect(consumer.paused).toBe(true);
    expect(bob.notifications('consumerPaused')).toEqual([{ type: 'consumerPaused', consumerId: info.consumerId }]);
    const countWhenHidden = receiver.received();
    const sentWhenHidden = feeder.sent();
    await until(() => feeder.sent() > sentWhenHidden + 60, '20 more frames per layer from the sender');
    expect(receiver.received()).toBeLessThanOrEqual(countWhenHidden + 2);

    // Visible again: resumed by the server.
    await bob.ok('setConsumerViews', { views: [{ consumerId: info.consumerId, visible: true, width: 600, height: 338 }] });
    expect(consumer.paused).toBe(false);
    expect(bob.notifications('consumerResumed')).toEqual([{ type: 'consumerResumed', consumerId: info.consumerId }]);
    await until(() => receiver.received() > countWhenHidden + 10, 'packets again');
  });

  it('keeps a consumer the client has not resumed paused even when its tile is visible', async () => {
    const roomId = 'ready-room';
    const alice = await sfu.connect({ room: roomId, name: 'Alice' });
    const { rtpCapabilities } = await alice.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    const { peerId: alicePeer } = await joinWith(alice, rtpCapabilities);
    const bob = await sfu.connect({ room: roomId, name: 'Bob' });
    const { peerId: bobPeer } = await joinWith(bob, withoutBandwidthEstimation(rtpCapabilities));
    const { producer } = await plainProducer(roomId, alicePeer, 'camera', VP8_SIMULCAST);
    const receiver = await plainReceiver(roomId, bobPeer);
    const { consumerId } = await bob.ok<{ consumerId: string }>('consume', { transportId: receiver.transportId, producerId: producer.id });
    const consumer = peerOf(roomId, bobPeer).peer.consumers.get(consumerId);
    await bob.ok('setConsumerViews', { views: [{ consumerId, visible: true, width: 320, height: 180 }] });
    expect(consumer?.paused).toBe(true);
    await bob.ok('setConsumerViews', { views: [{ consumerId, visible: false, width: 320, height: 180 }] });
    await bob.ok('resumeConsumer', { consumerId });
    expect(consumer?.paused).toBe(true);
    await bob.ok('setConsumerViews', { views: [{ consumerId, visible: true, width: 320, height: 180 }] });
    expect(consumer?.paused).toBe(false);
    expect(bob.notifications('consumerResumed')).toEqual([{ type: 'consumerResumed', consumerId }]);
    expect(bob.notifications('consumerPaused')).toEqual([]);
  });
});

describe('who watches a video (videoDemand: the sender encodes only what someone sees)', () => {
  it('tells a sender alone that no one watches, at once when someone does (and which layer), and after 3 s when no one does again', async () => {
    const roomId = 'demand-room';
    const alice = await sfu.connect({ room: roomId, name: 'Alice' });
    const { rtpCapabilities } = await alice.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    const { peerId: alicePeer } = await joinWith(alice, rtpCapabilities);
    const { producer } = await plainProducer(roomId, alicePeer, 'camera', VP8_SIMULCAST);
    await plainProducer(roomId, alicePeer, 'mic', opus(444_000));
    const demand = () => alice.notifications('videoDemand');
    await alice.waitFor((m) => m.type === 'videoDemand');
    expect(demand()).toEqual([{ type: 'videoDemand', producerId: producer.id, wanted: false }]);

    // Bob comes: a consumer of the camera, paused until his side is ready, then running.
    const bob = await sfu.connect({ room: roomId, name: 'Bob' });
    const { peerId: bobPeer } = await joinWith(bob, withoutBandwidthEstimation(rtpCapabilities));
    const receiver = await plainReceiver(roomId, bobPeer);
    const { consumerId } = await bob.ok<{ consumerId: string }>('consume', { transportId: receiver.transportId, producerId: producer.id });
    expect(demand()).toHaveLength(1);
    await bob.ok('resumeConsumer', { consumerId });
    await alice.waitFor((m) => m.type === 'videoDemand' && m.wanted);
    // A new consumer starts on the lowest layer: the sender encodes that one only.
    expect(demand()).toEqual([
      { type: 'videoDemand', producerId: producer.id, wanted: false },
      { type: 'videoDemand', producerId: producer.id, wanted: true, spatialLayer: 0 },
    ]);

    // Bob enlarges the tile: the top layer is asked for at once; shrunk again, it is given up after the wait.
    await bob.ok('setConsumerViews', { views: [{ consumerId, visible: true, width: 1280, height: 720 }] });
    await until(() => demand().length === 3, 'the sender told the top layer is watched');
    expect(demand()[2]).toEqual({ type: 'videoDemand', producerId: producer.id, wanted: true, spatialLayer: 2 });
    await bob.ok('setConsumerViews', { views: [{ consumerId, visible: true, width: 320, height: 180 }] });
    expect(demand()).toHaveLength(3);
    await until(() => demand().length === 4, 'the sender told only the lowest layer is watched', 10_000);
    expect(demand()[3]).toEqual({ type: 'videoDemand', producerId: producer.id, wanted: true, spatialLayer: 0 });

    // Bob hides the tile: not at once (it may come back), but after the wait.
    await bob.ok('setConsumerViews', { views: [{ consumerId, visible: false, width: 320, height: 180 }] });
    expect(demand()).toHaveLength(4);
    await until(() => demand().length === 5, 'the sender told no one watches', 10_000);
    expect(demand()[4]).toEqual({ type: 'videoDemand', producerId: producer.id, wanted: false });
    await bob.ok('setConsumerViews', { views: [{ consumerId, visible: true, width: 320, height: 180 }] });
    await until(() => demand().length === 6, 'the sender told someone watches again');
    expect(demand()[5]).toEqual({ type: 'videoDemand', producerId: producer.id, wanted: true, spatialLayer: 0 });
    // Audio is never part of it.
    expect(demand().every((m) => m.producerId === producer.id)).toBe(true);
  });
});

/** ssrc-audio-level is -dBov: 127 is silence. */
const silent = (): number => 127;

describe('active speaker (opus RTP with ssrc-audio-level from Node)', () => {
  it('tells everyone who speaks, follows a change of speaker, and says nobody once the speaker’s microphone closes', async () => {
    const roomId = 'speaker-room';
    const voices = { alice: silent, bob: speechLevels() };
    const alice = await sfu.connect({ room: roomId, name: 'Alice' });
    const { rtpCapabilities } = await alice.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    const { peerId: alicePeer } = await joinWith(alice, rtpCapabilities);
    const bob = await sfu.connect({ room: roomId, name: 'Bob' });
    const { peerId: bobPeer } = await joinWith(bob, rtpCapabilities);
    const carol = await sfu.connect({ room: roomId, name: 'Carol' });
    await joinWith(carol, rtpCapabilities);

    const aliceMic = await plainProducer(roomId, alicePeer, 'mic', opus(5001));
    const bobMic = await plainProducer(roomId, bobPeer, 'mic', opus(5002));
    feeders.push(feedAudio({ port: aliceMic.port, payloadType: 100, ssrc: 5001, extensionId: 1, level: () => voices.alice() }));
    feeders.push(feedAudio({ port: bobMic.port, payloadType: 100, ssrc: 5002, extensionId: 1, level: () => voices.bob() }));

    // Bob speaks, Alice is silent (whoever the observer names first, Bob must end up the speaker).
    // Generous waits: the observer decides over seconds of audio, and on a loaded CI machine (the
    // test stack beside this file on two cores) the Node feeders' packets come late and in bursts.
    await carol.waitFor((m) => m.type === 'activeSpeaker' && m.peerId === bobPeer, 45_000);
    expect(sfu.server.registry.get(roomId)?.activeSpeakerPeerId).toBe(bobPeer);
    expect(alice.notifications('activeSpeaker').at(-1)).toEqual({ type: 'activeSpeaker', peerId: bobPeer });
    const dave = await sfu.connect({ room: roomId, name: 'Dave' });
    expect((await joinWith(dave, rtpCapabilities)).activeSpeakerPeerId).toBe(bobPeer);

    // Alice takes over.
    voices.bob = silent;
    voices.alice = speechLevels();
    await carol.until(() => carol.notifications('activeSpeaker').at(-1)?.peerId === alicePeer, 'Alice to become the speaker', 45_000);

    // Her microphone closes: nobody speaks until the observer names the next.
    const before = carol.notifications('activeSpeaker').length;
    await alice.ok('closeProducer', { producerId: aliceMic.producer.id });
    await carol.until(() => carol.notifications('activeSpeaker').slice(before)[0], 'the next activeSpeaker');
    expect(carol.notifications('activeSpeaker').slice(before)[0]).toEqual({ type: 'activeSpeaker', peerId: null });
  }, 120_000);
});

describe('prepare: the pre-join sets up transports and paused consumers before the click', () => {
  it('hides the prepared person, sends nothing until join and resume, hands the same transport to join, and follows media that ended meanwhile', async () => {
    const roomId = 'prepare-room';
    const alice = await sfu.connect({ room: roomId, name: 'Alice', capacity: 2 });
    const { rtpCapabilities } = await alice.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    const { peerId: alicePeer } = await joinWith(alice, rtpCapabilities);
    const { producer: camera } = await plainProducer(roomId, alicePeer, 'camera', VP8_SIMULCAST);
    const { producer: mic } = await plainProducer(roomId, alicePeer, 'mic', opus(555_000));

    // Carol fills the room (capacity 2); Bob may still prepare: the pre-join takes no place.
    const carol = await sfu.connect({ room: roomId, name: 'Carol', capacity: 2 });
    await joinWith(carol, rtpCapabilities);
    const bob = await sfu.connect({ room: roomId, name: 'Bob', capacity: 2 });
    const prepared = await bob.ok<{
      transports: Array<{ transportId: string; direction: string }>;
      consumers: Array<{ consumerId: string; producerId: string; source: string; kind: string }>;
    }>('prepare', { rtpCapabilities, transports: ['recv'] });
    expect(prepared.transports.map((transport) => transport.direction)).toEqual(['recv']);
    expect(prepared.consumers.map(({ producerId, source }) => ({ producerId, source })).sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { producerId: camera.id, source: 'camera' },
      { producerId: mic.id, source: 'mic' },
    ]);
    const room = sfu.server.registry.get(roomId);
    const bobPeer = [...(room?.peers.values() ?? [])].find((peer) => peer.displayName === 'Bob');
    if (!room || !bobPeer) throw new Error('Bob is not attached to the room');
    expect(room.joinedPeers().map((peer) => peer.displayName).sort()).toEqual(['Alice', 'Carol']);
    expect([...bobPeer.consumers.values()].every((consumer) => consumer.paused)).toBe(true);
    expect(alice.notifications('peerJoined').map((m) => m.displayName)).toEqual(['Carol']);

    // Before join: nothing can be started, asked for or sent; a second prepare is refused.
    const camConsumer = prepared.consumers.find((consumer) => consumer.source === 'camera');
    const micConsumer = prepared.consumers.find((consumer) => consumer.source === 'mic');
    if (!camConsumer || !micConsumer) throw new Error('missing consumer');
    expect(await bob.request('resumeConsumer', { consumerId: camConsumer.consumerId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await bob.request('consume', { transportId: prepared.transports[0]?.transportId, producerId: camera.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await bob.request('prepare', { rtpCapabilities, transports: ['recv'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(bobPeer.consumers.get(camConsumer.consumerId)?.paused).toBe(true);

    // The microphone ends while Bob is on the pre-join: he is told its consumer closed.
    mic.close();
    await bob.waitFor((m) => m.type === 'consumerClosed' && m.consumerId === micConsumer.consumerId);

    // The room is full: his join is refused, and his prepared transport is still there for later.
    expect(await bob.request('join', { rtpCapabilities, transports: ['recv'] })).toMatchObject({ ok: false, error: { refusal: 'room-full' } });
    await carol.ok('leave');
    // The join starts what his side has ready; the microphone's consumer is gone and skipped.
    const joined = await bob.ok<{ transports: Array<{ transportId: string }>; peers: Array<{ producers: Array<{ producerId: string }> }> }>('join', {
      rtpCapabilities,
      transports: ['recv'],
      resumeConsumers: [camConsumer.consumerId, micConsumer.consumerId],
    });
    expect(joined.transports.map((transport) => transport.transportId)).toEqual(prepared.transports.map((transport) => transport.transportId));
    expect(joined.peers.flatMap((peer) => peer.producers.map((producer) => producer.producerId))).toEqual([camera.id]);
    await alice.waitFor((m) => m.type === 'peerJoined' && m.displayName === 'Bob');

    // Joined: the prepared consumer runs without a resumeConsumer, and its sender learns someone watches.
    expect(bobPeer.consumers.get(camConsumer.consumerId)?.paused).toBe(false);
    await alice.waitFor((m) => m.type === 'videoDemand' && m.producerId === camera.id && m.wanted);
  });

  it('starts at the join only the prepared consumers the client names, and only its own', async () => {
    const roomId = 'prepare-resume';
    const alice = await sfu.connect({ room: roomId, name: 'Alice' });
    const { rtpCapabilities } = await alice.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    const { peerId: alicePeer } = await joinWith(alice, rtpCapabilities);
    await plainProducer(roomId, alicePeer, 'camera', VP8_SIMULCAST);
    await plainProducer(roomId, alicePeer, 'mic', opus(666_000));
    const carol = await sfu.connect({ room: roomId, name: 'Carol' });
    const carolPrepared = await carol.ok<{ consumers: Array<{ consumerId: string }> }>('prepare', { rtpCapabilities, transports: ['recv'] });
    const bob = await sfu.connect({ room: roomId, name: 'Bob' });
    const prepared = await bob.ok<{ consumers: Array<{ consumerId: string; source: string }> }>('prepare', { rtpCapabilities, transports: ['recv'] });
    const camera = prepared.consumers.find((consumer) => consumer.source === 'camera');
    const mic = prepared.consumers.find((consumer) => consumer.source === 'mic');
    if (!camera || !mic) throw new Error('missing consumer');
    // Bob names his camera consumer and one of Carol's: his own starts, Carol's is not his to start.
    await bob.ok('join', { rtpCapabilities, transports: ['recv'], resumeConsumers: [camera.consumerId, carolPrepared.consumers[0]?.consumerId] });
    const room = sfu.server.registry.get(roomId);
    const peers = [...(room?.peers.values() ?? [])];
    const bobPeer = peers.find((peer) => peer.displayName === 'Bob');
    const carolPeer = peers.find((peer) => peer.displayName === 'Carol');
    expect(bobPeer?.consumers.get(camera.consumerId)?.paused).toBe(false);
    expect(bobPeer?.consumers.get(mic.consumerId)?.paused).toBe(true);
    expect([...(carolPeer?.consumers.values() ?? [])].every((consumer) => consumer.paused)).toBe(true);
    await bob.ok('resumeConsumer', { consumerId: mic.consumerId });
    expect(bobPeer?.consumers.get(mic.consumerId)?.paused).toBe(false);
  });

  it('refuses a prepare without a device description, and a send transport to a token that may not publish', async () => {
    const viewer = await sfu.connect({ room: 'prepare-refusals', name: 'Viewer', canPublish: false });
    const { rtpCapabilities } = await viewer.ok<{ rtpCapabilities: { codecs: unknown[] } }>('getRouterRtpCapabilities');
    expect(await viewer.request('prepare', { rtpCapabilities: {}, transports: ['recv'] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await viewer.request('prepare', { rtpCapabilities, transports: ['recv', 'send'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Nothing was left behind by the refusals: a correct prepare still works.
    const prepared = await viewer.ok<{ transports: unknown[]; consumers: unknown[] }>('prepare', { rtpCapabilities, transports: ['recv'] });
    expect(prepared).toMatchObject({ transports: [expect.anything()], consumers: [] });
  });
});
