import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SFU_CLOSE_CODES } from '@padmeet/contract';
import { startTestSfu, type JoinedClient, type TestSfu, type TransportData } from '../testing/harness';

// The chair's controls against the real mediasoup worker (MEDIASOUP_WORKER_BIN), over real WebSockets.
let sfu: TestSfu;

beforeAll(async () => {
  sfu = await startTestSfu({ rtcPort: 31370 });
});

afterEach(() => sfu.closeClients());

afterAll(async () => {
  await sfu?.close();
});

const rtp = (kind: 'audio' | 'video', ssrc: number, mid: string) => ({
  mid,
  codecs:
    kind === 'audio'
      ? [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }]
      : [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }] }],
  encodings: [{ ssrc }],
  headerExtensions: [],
  rtcp: { cname: `c${ssrc}` },
});

/** Sends a producer of `source` from a peer joined with a send transport. */
async function produce(peer: JoinedClient, source: 'mic' | 'camera' | 'screen' | 'screen-audio', ssrc: number): Promise<string> {
  const send = peer.transports.find((transport) => transport.direction === 'send') as TransportData;
  const kind = source === 'mic' || source === 'screen-audio' ? 'audio' : 'video';
  const { producerId } = await peer.client.ok<{ producerId: string }>('produce', { transportId: send.transportId, kind, source, rtpParameters: rtp(kind, ssrc, String(ssrc)) });
  return producerId;
}

const roomOf = (id: string) => sfu.server.registry.get(id);
const producersOf = (room: string, peerId: string) =>
  [...(roomOf(room)?.peers.get(peerId)?.producers.values() ?? [])].map((producer) => ({ source: producer.appData.source, paused: producer.paused })).sort((a, b) => a.source.localeCompare(b.source));

describe("the chair's controls", () => {
  it('a chair mutes a microphone on the server (everyone told who did it) and the person unmutes; a chair stops a screen share', async () => {
    const room = 'mod-mute-room';
    const chair = await sfu.joined({ room, name: 'Chair Carla', role: 'chair' }, ['send']);
    const pat = await sfu.joined({ room, name: 'Pat', role: 'participant' }, ['send']);
    const wes = await sfu.joined({ room, name: 'Wes', role: 'guest' }, ['recv']);
    const mic = await produce(pat, 'mic', 5001);
    const screen = await produce(pat, 'screen', 5002);
    const screenAudio = await produce(pat, 'screen-audio', 5003);
    const { consumerId } = await wes.client.ok<{ consumerId: string }>('consume', { transportId: (wes.transports[0] as TransportData).transportId, producerId: screen });

    await chair.client.ok('moderate', { action: 'mute-mic', peerId: pat.peerId });
    expect(producersOf(room, pat.peerId).find((producer) => producer.source === 'mic')).toEqual({ source: 'mic', paused: true });
    const moderated = { type: 'moderated', action: 'mute-mic', by: { peerId: chair.peerId, displayName: 'Chair Carla' }, target: { peerId: pat.peerId, displayName: 'Pat' } };
    for (const peer of [chair, pat, wes]) expect(await peer.client.waitFor((m) => m.type === 'moderated')).toEqual(moderated);
    expect(await wes.client.waitFor((m) => m.type === 'producerPaused')).toEqual({ type: 'producerPaused', peerId: pat.peerId, producerId: mic, source: 'mic', byPeerId: chair.peerId });
    // Muting a muted microphone is refused and changes nothing.
    expect(await chair.client.request('moderate', { action: 'mute-mic', peerId: pat.peerId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: "Pat's microphone is already muted." },
    });

    // The muted person may unmute: their own producer, their own request.
    await pat.client.ok('resumeProducer', { producerId: mic });
    expect(producersOf(room, pat.peerId).find((producer) => producer.source === 'mic')).toEqual({ source: 'mic', paused: false });
    expect(await wes.client.waitFor((m) => m.type === 'producerResumed')).toMatchObject({ peerId: pat.peerId, producerId: mic, source: 'mic' });

    await chair.client.ok('moderate', { action: 'stop-screen', peerId: pat.peerId });
    expect(producersOf(room, pat.peerId)).toEqual([{ source: 'mic', paused: false }]);
    await wes.client.until(() => wes.client.notifications('producerClosed').length === 2 && true, 'both screen producers to close');
    expect(wes.client.notifications('producerClosed').map((m) => m.producerId).sort()).toEqual([screen, screenAudio].sort());
    expect(await wes.client.waitFor((m) => m.type === 'consumerClosed')).toEqual({ type: 'consumerClosed', consumerId, producerId: screen });
    expect(await pat.client.waitFor((m) => m.type === 'moderated' && m.action === 'stop-screen')).toMatchObject({ by: { peerId: chair.peerId }, target: { peerId: pat.peerId } });
    expect(await chair.client.request('moderate', { action: 'stop-screen', peerId: pat.peerId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Pat is not sharing a screen.' },
    });
    // The person may share again.
    await produce(pat, 'screen', 5004);
  });

  it("refuses every action of a participant and a guest (tested without the UI), and bad input, changing nothing", async () => {
    const room = 'mod-refuse-room';
    const organiser = await sfu.joined({ room, name: 'Olga', role: 'organiser' }, ['send']);
    const chair = await sfu.joined({ room, name: 'Chair Carla', role: 'chair' }, ['send']);
    const participant = await sfu.joined({ room, name: 'Pat', role: 'participant' }, ['send']);
    const guest = await sfu.joined({ room, name: 'Gus', role: 'guest' }, ['send']);
    await produce(chair, 'mic', 6001);
    await produce(chair, 'screen', 6002);
    await produce(participant, 'mic', 6003);
    await produce(guest, 'mic', 6004);
    const before = [organiser, chair, participant, guest].map((peer) => producersOf(room, peer.peerId));

    for (const actor of [participant, guest]) {
      for (const target of [chair, participant, guest, organiser]) {
        for (const action of ['mute-mic', 'stop-screen', 'remove']) {
          expect(await actor.client.request('moderate', { action, peerId: target.peerId })).toMatchObject({
            ok: false,
            error: { code: 'FORBIDDEN', message: expect.stringMatching(/Only the session's chair or the event's organisers/) },
          });
        }
      }
    }
    const refusals: Array<[JoinedClient, Record<string, unknown>, string, RegExp]> = [
      [chair, { action: 'ban', peerId: guest.peerId }, 'BAD_INPUT', /Invalid "moderate" message/],
      [chair, { action: 'mute-mic' }, 'BAD_INPUT', /peerId/],
      [chair, { action: 'remove', peerId: guest.peerId, reason: 'x'.repeat(201) }, 'BAD_INPUT', /at most 200 characters/],
      [chair, { action: 'mute-mic', peerId: 'nobody-here' }, 'NOT_FOUND', /Nobody with peer id nobody-here/],
      [chair, { action: 'mute-mic', peerId: chair.peerId }, 'BAD_INPUT', /your own controls/],
      [chair, { action: 'remove', peerId: chair.peerId }, 'BAD_INPUT', /Leave/],
      [chair, { action: 'mute-mic', peerId: guest.peerId, reason: 'noise' }, 'BAD_INPUT', /Only a removal carries a reason/],
      [chair, { action: 'remove', peerId: organiser.peerId }, 'FORBIDDEN', /same as or above yours/],
      [chair, { action: 'mute-mic', peerId: organiser.peerId }, 'CONFLICT', /not sending a microphone/],
    ];
    for (const [actor, body, code, message] of refusals) {
      expect(await actor.client.request('moderate', body)).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
    }
    // Someone from another room cannot reach into this one.
    const stranger = await sfu.joined({ room: 'mod-other-room', name: 'Chair Elsewhere', role: 'chair' }, ['recv']);
    expect(await stranger.client.request('moderate', { action: 'remove', peerId: guest.peerId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Before joining, nobody moderates.
    const early = await sfu.connect({ room, name: 'Ada', role: 'admin' });
    expect(await early.request('moderate', { action: 'remove', peerId: guest.peerId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'Send "join" before "moderate".' } });

    // Nothing changed: the same producers in the same state, everyone still there, nobody told anything.
    expect([organiser, chair, participant, guest].map((peer) => producersOf(room, peer.peerId))).toEqual(before);
    expect(roomOf(room)?.joinedPeers()).toHaveLength(4);
    for (const peer of [organiser, chair, participant, guest]) {
      expect(peer.client.notifications('moderated')).toEqual([]);
      expect(peer.client.notifications('producerPaused')).toEqual([]);
      expect(peer.client.notifications('producerClosed')).toEqual([]);
      expect(peer.client.notifications('peerLeft')).toEqual([]);
    }
  });

  it('a chair removes a guest: both of their tabs end (4403, why), and neither that token nor that person gets back in', async () => {
    const room = 'mod-remove-room';
    const chair = await sfu.joined({ room, name: 'Chair Carla', role: 'chair' }, ['recv']);
    const other = await sfu.joined({ room, name: 'Pat', role: 'participant' }, ['recv']);
    const subject = 'guest:removed-one';
    const guestToken = await sfu.token({ room, name: 'Gus', role: 'guest' }, { subject });
    const joinWith = async (client: Awaited<ReturnType<TestSfu['connectWith']>>) => {
      const { rtpCapabilities } = await client.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
      return client.request('join', { rtpCapabilities, transports: ['recv'] });
    };
    const tab1 = await sfu.connectWith(guestToken);
    const tab1Join = await joinWith(tab1);
    const tab2 = await sfu.connectWith(await sfu.token({ room, name: 'Gus', role: 'guest' }, { subject }));
    expect((await joinWith(tab2)).ok).toBe(true);
    const target = (tab1Join.ok ? (tab1Join.data as { peerId: string }) : undefined)?.peerId as string;

    await chair.client.ok('moderate', { action: 'remove', peerId: target, reason: 'off topic, please read the agenda' });
    for (const tab of [tab1, tab2]) {
      expect(await tab.waitForClose()).toBe(SFU_CLOSE_CODES.removed);
      expect(tab.notifications('sessionEnded')).toEqual([
        { type: 'sessionEnded', reason: 'removed', message: 'Chair Carla removed you from this room: “off topic, please read the agenda”' },
      ]);
    }
    expect(await other.client.waitFor((m) => m.type === 'moderated')).toEqual({
      type: 'moderated',
      action: 'remove',
      by: { peerId: chair.peerId, displayName: 'Chair Carla' },
      target: { peerId: target, displayName: 'Gus' },
      reason: 'off topic, please read the agenda',
    });
    await other.client.until(() => other.client.notifications('peerLeft').length === 2 && true, 'both tabs to leave');
    expect(roomOf(room)?.joinedPeers().map((peer) => peer.displayName).sort()).toEqual(['Chair Carla', 'Pat']);

    // The same token (a reconnect) and a new token of the same person (a reload, another tab) are refused.
    for (const token of [guestToken, await sfu.token({ room, name: 'Gus again', role: 'guest' }, { subject })]) {
      const back = await sfu.connectWith(token);
      expect(await joinWith(back)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', refusal: 'removed', message: 'Chair Carla removed you from this room; you cannot join it again for now.' },
      });
    }
    expect(roomOf(room)?.joinedPeers()).toHaveLength(2);
    expect(other.client.notifications('peerJoined').map((m) => m.displayName)).toEqual(['Gus', 'Gus']);
    // Only in this room: the same person may join another; and someone else may join this one.
    const elsewhere = await sfu.connectWith(await sfu.token({ room: 'mod-remove-other', name: 'Gus', role: 'guest' }, { subject }));
    expect((await joinWith(elsewhere)).ok).toBe(true);
    const newcomer = await sfu.connect({ room, name: 'Nia', role: 'guest' });
    expect((await joinWith(newcomer)).ok).toBe(true);
  });
});
