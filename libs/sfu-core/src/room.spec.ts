import { describe, expect, it } from 'vitest';
import { SFU_CLOSE_CODES, type JoinClaims } from '@padmeet/contract';
import { createLogger } from '@padmeet/util';
import { Peer, type PeerProducer } from './peer';
import { Room } from './room';
import { RoomRegistry } from './room-registry';
import { FakeProducer, FakeRouter, FakeWorker, fakeRoomMedia, recordingLink } from './testing/fakes';

const logger = createLogger({ name: 'test', level: 'silent' });
const claims = (name: string): JoinClaims => ({ room: 'r1', name, role: 'participant', canPublish: true, sub: name, exp: 0, iat: 0, jti: name });

function peer(name: string, joined = true) {
  const link = recordingLink();
  const result = new Peer(name, claims(name), link, logger);
  result.joined = joined;
  return { peer: result, link };
}

describe('Room', () => {
  it('broadcasts to joined peers only and closes with its last peer', () => {
    const router = new FakeRouter();
    const room = new Room('r1', fakeRoomMedia(router), logger);
    const [a, b, c] = [peer('a'), peer('b'), peer('c', false)];
    room.attach(a.peer);
    room.attach(b.peer);
    room.attach(c.peer);
    expect(room.occupants()).toEqual(new Set(['a', 'b']));
    c.peer.joining = true;
    expect(room.occupants()).toEqual(new Set(['a', 'b', 'c']));
    room.removePeer('a');
    expect(b.link.inbox).toEqual([{ type: 'peerLeft', peerId: 'a' }]);
    expect(c.link.inbox).toEqual([]);
    expect(a.link.inbox).toEqual([]);
    room.removePeer('b');
    expect(room.closed).toBe(false);
    room.removePeer('c');
    expect(room.closed).toBe(true);
    expect(router.closed).toBe(true);
  });

  it('closes itself when its router closes under it: roomClosed, then the session ends with roomClosed', () => {
    const router = new FakeRouter();
    const room = new Room('r1', fakeRoomMedia(router), logger);
    const member = peer('a');
    room.attach(member.peer);
    router.close();
    expect(room.closed).toBe(true);
    expect(member.peer.closed).toBe(true);
    expect(member.link.inbox).toEqual([
      { type: 'roomClosed', reason: expect.stringMatching(/rejoin/) },
      { type: 'sessionEnded', reason: 'room-closed', message: expect.stringMatching(/rejoin/) },
    ]);
    expect(member.link.ended).toEqual([{ reason: 'room-closed', code: SFU_CLOSE_CODES.roomClosed }]);
  });

  it('tells everyone who speaks, and nobody once the speaker’s microphone closes', async () => {
    const media = fakeRoomMedia();
    const room = new Room('r1', media, logger);
    const [a, b] = [peer('a'), peer('b')];
    room.attach(a.peer);
    room.attach(b.peer);
    const micA = new FakeProducer('mic-a', { peerId: 'a', source: 'mic' });
    const micB = new FakeProducer('mic-b', { peerId: 'b', source: 'mic' });
    await room.addSpeakerCandidate(micA as unknown as PeerProducer);
    await room.addSpeakerCandidate(micB as unknown as PeerProducer);
    expect(media.fakeSpeakerObserver.producerIds).toEqual(['mic-a', 'mic-b']);
    expect(room.activeSpeakerPeerId).toBeNull();

    media.fakeSpeakerObserver.emit('dominantspeaker', { producer: micA });
    media.fakeSpeakerObserver.emit('dominantspeaker', { producer: micA });
    expect(room.activeSpeakerPeerId).toBe('a');
    expect(b.link.inbox).toEqual([{ type: 'activeSpeaker', peerId: 'a' }]);

    micB.close();
    expect(room.activeSpeakerPeerId).toBe('a');
    micA.close();
    expect(room.activeSpeakerPeerId).toBeNull();
    expect(b.link.inbox).toEqual([
      { type: 'activeSpeaker', peerId: 'a' },
      { type: 'activeSpeaker', peerId: null },
    ]);
  });
});

describe('RoomRegistry', () => {
  it('creates one room for concurrent getOrCreate calls and a fresh one after it closed', async () => {
    const worker = new FakeWorker();
    worker.routerDelayMs = 10;
    const registry = new RoomRegistry({ nextWorker: async () => worker.asMediaWorker(), logger });
    const [first, second] = await Promise.all([registry.getOrCreate('r1'), registry.getOrCreate('r1')]);
    expect(first).toBe(second);
    expect(worker.routers).toHaveLength(1);
    expect(worker.routers[0]?.speakerObservers).toHaveLength(1);
    expect(registry.size).toBe(1);
    first.close();
    expect(registry.get('r1')).toBeUndefined();
    const third = await registry.getOrCreate('r1');
    expect(third).not.toBe(first);
    expect(worker.routers).toHaveLength(2);
  });

  it('forgets the rooms of a worker that died', async () => {
    const worker = new FakeWorker();
    const registry = new RoomRegistry({ nextWorker: async () => worker.asMediaWorker(), logger });
    await registry.getOrCreate('r1');
    await registry.getOrCreate('r2');
    worker.die();
    expect(registry.size).toBe(0);
  });
});
