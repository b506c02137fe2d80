import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SFU_CLOSE_CODES } from '@padmeet/contract';
import { ORIGIN, startTestSfu, type TestSfu, type TransportData } from './testing/harness';

// Runs against the real mediasoup worker: MEDIASOUP_WORKER_BIN must point at it.
const RTC_PORT = 31300;
let sfu: TestSfu;

beforeAll(async () => {
  sfu = await startTestSfu({ rtcPort: RTC_PORT });
});

afterEach(() => sfu.closeClients());

afterAll(async () => {
  await sfu?.close();
});

/** Valid VP8 / opus RTP parameters as a browser would send them (the transport need not be connected). */
const videoRtp = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] }],
  encodings: [{ ssrc }],
  headerExtensions: [],
  rtcp: { cname: 'test' },
});
const audioRtp = (ssrc: number) => ({
  mid: '1',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc }],
  headerExtensions: [],
  rtcp: { cname: 'test' },
});

describe('SFU signaling against the real mediasoup worker', () => {
  it('reports health over HTTP', async () => {
    const response = await fetch(`http://${sfu.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', workers: 1 });
  });

  it('refuses bad, expired and missing tokens, foreign origins and other paths on the upgrade', async () => {
    expect(await sfu.open('/ws', { Origin: ORIGIN })).toMatchObject({ status: 401 });
    const bad = await sfu.open('/ws?token=not-a-jwt', { Origin: ORIGIN });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatch(/not valid/);
    const expired = await sfu.open(`/ws?token=${await sfu.token({}, { now: Date.now() - 3600_000 })}`, { Origin: ORIGIN });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatch(/expired/);
    expect(await sfu.open(`/ws?token=${await sfu.token()}`, { Origin: 'https://evil.example' })).toMatchObject({ status: 403 });
    expect(await sfu.open(`/other?token=${await sfu.token()}`, { Origin: ORIGIN })).toMatchObject({ status: 404 });
  });

  it('joins with both transports in one round trip; every transport of every room uses the one WebRtcServer port (UDP and TCP)', async () => {
    const { client, rtpCapabilities, peers, transports, activeSpeakerPeerId } = await sfu.joined({ room: 'port-room' }, ['recv', 'send']);
    expect(peers).toEqual([]);
    expect(activeSpeakerPeerId).toBeNull();
    const codecs = (rtpCapabilities.codecs as Array<{ mimeType: string }>).map((codec) => codec.mimeType);
    expect(codecs).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
    expect(transports.map((transport) => transport.direction)).toEqual(['recv', 'send']);
    const more = await client.ok<TransportData>('createTransport', { direction: 'recv' });
    const other = await sfu.joined({ room: 'port-room-2' }, ['recv']);
    const all = [...transports, more, ...other.transports];
    expect(new Set(all.map((transport) => transport.transportId)).size).toBe(4);
    for (const transport of all) {
      expect(transport.iceCandidates.map((candidate) => candidate.protocol).sort()).toEqual(['tcp', 'udp']);
      for (const candidate of transport.iceCandidates) {
        expect(candidate.address).toBe('127.0.0.1');
        expect(candidate.port).toBe(RTC_PORT);
      }
      expect(transport.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
      expect(transport.iceParameters.usernameFragment).toBeTruthy();
    }
    const metrics = (await (await fetch(`http://${sfu.baseUrl}/metrics`)).json()) as { rooms: Array<{ room: string; transports: unknown[] }> };
    expect(metrics.rooms.find((room) => room.room === 'port-room')?.transports).toHaveLength(3);
  });

  it('answers malformed frames and wrong-state requests with clear errors and keeps the peer', async () => {
    const client = await sfu.connect();
    client.sendRaw('{not json');
    expect(await client.waitFor((m) => m.type === 'error')).toMatchObject({ error: { code: 'BAD_INPUT', message: expect.stringMatching(/JSON/) } });
    expect(await client.request('teleport')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/Unknown message type "teleport"/) } });
    expect(await client.request('createTransport', { direction: 'up' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/direction/) } });
    expect(await client.request('consume', { transportId: 't', producerId: 'p' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Send "join" before "consume".' },
    });
    expect(await client.request('join', { rtpCapabilities: { nope: true } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const { rtpCapabilities } = await client.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
    expect(await client.request('join', { rtpCapabilities, transports: ['recv', 'recv'] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    // Still connected and usable after all that.
    await client.ok('join', { rtpCapabilities });
    expect(await client.request('join', { rtpCapabilities })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bogus = await client.request('connectTransport', { transportId: 'nope', dtlsParameters: {} });
    expect(bogus).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const send = await client.ok<{ transportId: string }>('createTransport', { direction: 'send' });
    const badDtls = await client.request('connectTransport', { transportId: send.transportId, dtlsParameters: { role: 'client' } });
    expect(badDtls).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/dtlsParameters/) } });
    const badRtp = await client.request('produce', { transportId: send.transportId, kind: 'audio', source: 'mic', rtpParameters: { codecs: 'x' } });
    expect(badRtp).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/rtpParameters/) } });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('keeps transports private to their peer and refuses sending without canPublish', async () => {
    const alice = await sfu.joined({ room: 'private-room' }, ['send']);
    const bob = await sfu.joined({ room: 'private-room', name: 'Bob', canPublish: false }, ['recv']);
    const aliceSend = alice.transports[0] as TransportData;
    expect(await bob.client.request('connectTransport', { transportId: aliceSend.transportId, dtlsParameters: {} })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/not one of this connection's transports/) },
    });
    expect(await bob.client.request('createTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bobRecv = bob.transports[0] as TransportData;
    expect(await bob.client.request('produce', { transportId: bobRecv.transportId, kind: 'audio', source: 'mic', rtpParameters: {} })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await alice.client.request('consume', { transportId: aliceSend.transportId, producerId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(/send transport/) },
    });
    // A listener asking for a send transport at join is refused, and nothing changes.
    const carol = await sfu.connect({ room: 'private-room', name: 'Carol', canPublish: false });
    const { rtpCapabilities } = await carol.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
    expect(await carol.request('join', { rtpCapabilities, transports: ['recv', 'send'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(sfu.server.registry.get('private-room')?.joinedPeers()).toHaveLength(2);
    expect(alice.client.notifications('peerJoined').map((m) => m.displayName)).toEqual(['Bob']);
  });

  it('tells peers about each other and closes the room when the last one leaves', async () => {
    const alice = await sfu.joined({ room: 'pair-room', name: 'Alice' });
    const bob = await sfu.joined({ room: 'pair-room', name: 'Bob' });
    expect(bob.peers).toEqual([expect.objectContaining({ peerId: alice.peerId, displayName: 'Alice', producers: [] })]);
    expect(await alice.client.waitFor((m) => m.type === 'peerJoined')).toMatchObject({ peerId: bob.peerId, displayName: 'Bob' });
    expect(sfu.server.registry.get('pair-room')?.joinedPeers()).toHaveLength(2);

    bob.client.socket.close();
    expect(await alice.client.waitFor((m) => m.type === 'peerLeft')).toEqual({ type: 'peerLeft', peerId: bob.peerId });
    const room = sfu.server.registry.get('pair-room');
    expect(room?.joinedPeers()).toHaveLength(1);

    await alice.client.ok('leave');
    expect(room?.closed).toBe(true);
    expect(room?.router.closed).toBe(true);
    expect(sfu.server.registry.get('pair-room')).toBeUndefined();

    // The room comes back on the next join.
    const carol = await sfu.joined({ room: 'pair-room', name: 'Carol' });
    expect(carol.peers).toEqual([]);
    expect(sfu.server.registry.get('pair-room')?.closed).toBe(false);
  });

  it('creates one room for concurrent first joins', async () => {
    const clients = await Promise.all([sfu.connect({ room: 'race-room' }), sfu.connect({ room: 'race-room' }), sfu.connect({ room: 'race-room' })]);
    await Promise.all(clients.map((client) => client.ok('getRouterRtpCapabilities')));
    expect(sfu.server.registry.get('race-room')?.peers.size).toBe(3);
  });
});

describe('sources, mute state and per-peer caps', () => {
  it('announces producers with their source and mute state; one producer per source; the kind must match', async () => {
    const alice = await sfu.joined({ room: 'source-room', name: 'Alice' }, ['send']);
    const bob = await sfu.joined({ room: 'source-room', name: 'Bob' }, ['recv']);
    const send = (alice.transports[0] as TransportData).transportId;
    const { producerId: mic } = await alice.client.ok<{ producerId: string }>('produce', {
      transportId: send,
      kind: 'audio',
      source: 'mic',
      rtpParameters: audioRtp(1001),
      paused: true,
    });
    expect(await bob.client.waitFor((m) => m.type === 'newProducer')).toEqual({
      type: 'newProducer',
      peerId: alice.peerId,
      producerId: mic,
      kind: 'audio',
      source: 'mic',
      paused: true,
    });
    const { producerId: camera } = await alice.client.ok<{ producerId: string }>('produce', { transportId: send, kind: 'video', source: 'camera', rtpParameters: videoRtp(2001) });

    const second = await alice.client.request('produce', { transportId: send, kind: 'video', source: 'camera', rtpParameters: { ...videoRtp(2002), mid: '2' } });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/already sends its camera/) } });
    const wrongKind = await alice.client.request('produce', { transportId: send, kind: 'video', source: 'mic', rtpParameters: { ...videoRtp(2003), mid: '3' } });
    expect(wrongKind).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/"mic" producer carries audio/) } });
    expect([...(sfu.server.registry.get('source-room')?.peers.get(alice.peerId)?.producers.keys() ?? [])].sort()).toEqual([mic, camera].sort());
    expect(bob.client.notifications('newProducer')).toHaveLength(2);

    await alice.client.ok('resumeProducer', { producerId: mic });
    await alice.client.ok('pauseProducer', { producerId: camera });
    expect(await bob.client.waitFor((m) => m.type === 'producerPaused')).toEqual({ type: 'producerPaused', peerId: alice.peerId, producerId: camera, source: 'camera' });
    expect(bob.client.notifications('producerResumed')).toEqual([{ type: 'producerResumed', peerId: alice.peerId, producerId: mic, source: 'mic' }]);

    const carol = await sfu.joined({ room: 'source-room', name: 'Carol' });
    expect(carol.peers.find((peer) => peer.peerId === alice.peerId)?.producers.sort((a, b) => a.source.localeCompare(b.source))).toEqual([
      { producerId: camera, kind: 'video', source: 'camera', paused: true },
      { producerId: mic, kind: 'audio', source: 'mic', paused: false },
    ]);

    // After closing the camera, a new one may be sent.
    await alice.client.ok('closeProducer', { producerId: camera });
    expect(await bob.client.waitFor((m) => m.type === 'producerClosed')).toMatchObject({ producerId: camera });
    await alice.client.ok('produce', { transportId: send, kind: 'video', source: 'camera', rtpParameters: { ...videoRtp(2004), mid: '4' } });
  });

  it('refuses a consumer for a producer of another room, a view of a consumer not its own, and caps transports and consumers', async () => {
    const alice = await sfu.joined({ room: 'cap-room', name: 'Alice' }, ['send']);
    const bob = await sfu.joined({ room: 'cap-room', name: 'Bob' }, ['recv', 'send']);
    const stranger = await sfu.joined({ room: 'other-cap-room', name: 'Eve' }, ['recv']);
    const { producerId } = await alice.client.ok<{ producerId: string }>('produce', {
      transportId: (alice.transports[0] as TransportData).transportId,
      kind: 'video',
      source: 'camera',
      rtpParameters: videoRtp(3001),
    });
    const strangerRecv = (stranger.transports[0] as TransportData).transportId;
    expect(await stranger.client.request('consume', { transportId: strangerRecv, producerId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/not in this room/) },
    });
    const bobRecv = (bob.transports[0] as TransportData).transportId;
    const { consumerId } = await bob.client.ok<{ consumerId: string; source: string }>('consume', { transportId: bobRecv, producerId });
    expect(await stranger.client.request('setConsumerViews', { views: [{ consumerId, visible: false, width: 0, height: 0 }] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await stranger.client.request('resumeConsumer', { consumerId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const consumer = sfu.server.registry.get('cap-room')?.peers.get(bob.peerId)?.consumers.get(consumerId);
    expect(consumer?.paused).toBe(true);
    expect(consumer?.appData.visible).toBe(true);

    // Transports: join made 2; two more are fine, the fifth is refused.
    await bob.client.ok('createTransport', { direction: 'recv' });
    await bob.client.ok('createTransport', { direction: 'recv' });
    expect(await bob.client.request('createTransport', { direction: 'recv' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/At most 4 transports/) } });

    // Consumers: up to 400 per connection.
    for (let index = 1; index < 400; index += 1) await bob.client.ok('consume', { transportId: bobRecv, producerId });
    expect(await bob.client.request('consume', { transportId: bobRecv, producerId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/At most 400 consumers/) },
    });
    expect(sfu.server.registry.get('cap-room')?.peers.get(bob.peerId)?.consumers.size).toBe(400);
  });
});

describe('limits on joining', () => {
  it('refuses a join beyond the room capacity with refusal room-full, and admits once someone left', async () => {
    const grants = { room: 'small-room', capacity: 2 };
    const alice = await sfu.joined({ ...grants, name: 'Alice' });
    const bobToken = await sfu.token({ ...grants, name: 'Bob' }, { subject: 'user:bob' });
    const bob = await sfu.connectWith(bobToken);
    const { rtpCapabilities: caps } = await bob.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
    await bob.ok('join', { rtpCapabilities: caps });
    // Capacity counts people: Bob's second connection (a reconnect, another tab) takes no second place.
    const bobAgain = await sfu.connectWith(await sfu.token({ ...grants, name: 'Bob' }, { subject: 'user:bob' }));
    await bobAgain.ok('getRouterRtpCapabilities');
    await bobAgain.ok('join', { rtpCapabilities: caps });
    const carol = await sfu.connect({ ...grants, name: 'Carol' });
    const { rtpCapabilities } = await carol.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
    expect(await carol.request('join', { rtpCapabilities, transports: ['recv'] })).toEqual({
      type: 'response',
      id: 2,
      ok: false,
      error: { code: 'FORBIDDEN', refusal: 'room-full', message: expect.stringMatching(/full: it holds at most 2 people/) },
    });
    // Nothing changed: no transport, nobody told.
    const room = sfu.server.registry.get('small-room');
    expect(room?.joinedPeers()).toHaveLength(3);
    expect([...(room?.peers.values() ?? [])].reduce((sum, peer) => sum + peer.transports.size, 0)).toBe(0);
    expect(alice.client.notifications('peerJoined').map((m) => m.displayName)).toEqual(['Bob', 'Bob']);
    await bob.ok('leave');
    expect(await carol.request('join', { rtpCapabilities, transports: ['recv'] })).toMatchObject({ ok: false, error: { refusal: 'room-full' } });
    await bobAgain.ok('leave');
    await carol.ok('join', { rtpCapabilities, transports: ['recv'] });
    expect(room?.joinedPeers()).toHaveLength(2);
  });

  it('lets a join token hold two joined connections (a reconnect overlapping the old one) and refuses the third', async () => {
    const token = await sfu.token({ room: 'limit-room' });
    const clients = [await sfu.connectWith(token), await sfu.connectWith(token), await sfu.connectWith(token)];
    const { rtpCapabilities } = await (clients[0] as (typeof clients)[0]).ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
    const [first, second, third] = clients as [(typeof clients)[0], (typeof clients)[0], (typeof clients)[0]];
    await first.ok('join', { rtpCapabilities });
    await second.ok('join', { rtpCapabilities });
    const refused = await third.request('join', { rtpCapabilities });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', refusal: 'connection-limit', message: expect.stringMatching(/at most 2/) } });
    first.socket.close();
    await first.waitForClose();
    await third.until(() => sfu.server.limits.count().holders === 1 && true, 'the closed connection to be released');
    await third.ok('join', { rtpCapabilities });
  });

  it('refuses a sixth joined connection of one person over several tokens', async () => {
    const subject = 'user:many-tabs';
    const clients = [];
    for (let index = 0; index < 6; index += 1) clients.push(await sfu.connect({ room: `tab-room-${index}` }, { subject }));
    const responses = [];
    for (const client of clients) {
      const { rtpCapabilities } = await client.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
      responses.push(await client.request('join', { rtpCapabilities }));
    }
    expect(responses.slice(0, 5).every((response) => response.ok)).toBe(true);
    expect(responses[5]).toMatchObject({ ok: false, error: { refusal: 'connection-limit', message: expect.stringMatching(/already connected 5 times/) } });
  });
});

describe('join tokens while connected', () => {
  it('ends a connection whose token expires (sessionEnded, close 4401) unless it refreshed first', async () => {
    const token = await sfu.token({ room: 'expiry-room' }, { subject: 'user:expiring', ttlSeconds: 2 });
    const stale = await sfu.connectWith(token);
    const fresh = await sfu.connectWith(token);
    const { rtpCapabilities } = await fresh.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
    await stale.ok('join', { rtpCapabilities });
    await fresh.ok('join', { rtpCapabilities });

    // Another person's token, or one for another room, does not refresh this connection.
    const someoneElse = await sfu.token({ room: 'expiry-room' }, { subject: 'user:other' });
    expect(await fresh.request('refreshToken', { token: someoneElse })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherRoom = await sfu.token({ room: 'elsewhere' }, { subject: 'user:expiring' });
    expect(await fresh.request('refreshToken', { token: otherRoom })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await fresh.request('refreshToken', { token: 'garbage' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const renewed = await sfu.token({ room: 'expiry-room' }, { subject: 'user:expiring', ttlSeconds: 600 });
    const { expiresAt } = await fresh.ok<{ expiresAt: number }>('refreshToken', { token: renewed });
    expect(expiresAt).toBeGreaterThan(Date.now() + 500_000);

    expect(await stale.waitForClose(5000)).toBe(SFU_CLOSE_CODES.tokenExpired);
    expect(stale.notifications('sessionEnded')).toEqual([{ type: 'sessionEnded', reason: 'token-expired', message: expect.stringMatching(/expired/) }]);
    expect(await fresh.waitFor((m) => m.type === 'peerLeft')).toMatchObject({ type: 'peerLeft' });
    // Both tokens had the same expiry: the refreshed connection is still there and answers.
    expect(fresh.socket.readyState).toBe(WebSocket.OPEN);
    await fresh.ok('createTransport', { direction: 'recv' });
    expect(fresh.notifications('sessionEnded')).toEqual([]);
  });
});
