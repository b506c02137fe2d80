import { describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import type { JoinClaims, SignalingServerMessage } from '@padmeet/contract';
import { createLogger } from '@padmeet/util';
import { Peer } from './peer';
import { Room } from './room';
import { RoomRegistry } from './room-registry';
import { FakeRouter, FakeWorker } from './testing/fakes';

const logger = createLogger({ name: 'test', level: 'silent' });
const claims = (name: string): JoinClaims => ({ room: 'r1', name, role: 'participant', canPublish: true, sub: name, exp: 0, iat: 0, jti: name });

function peer(name: string, inbox: SignalingServerMessage[], joined = true): Peer {
  const result = new Peer(name, claims(name), (message) => inbox.push(message), logger);
  result.joined = joined;
  return result;
}

describe('Room', () => {
  it('broadcasts to joined peers only and closes with its last peer', () => {
    const router = new FakeRouter();
    const room = new Room('r1', router as unknown as types.Router, logger);
    const aInbox: SignalingServerMessage[] = [];
    const bInbox: SignalingServerMessage[] = [];
    const cInbox: SignalingServerMessage[] = [];
    room.attach(peer('a', aInbox));
    room.attach(peer('b', bInbox));
    room.attach(peer('c', cInbox, false));
    room.removePeer('a');
    expect(bInbox).toEqual([{ type: 'peerLeft', peerId: 'a' }]);
    expect(cInbox).toEqual([]);
    expect(aInbox).toEqual([]);
    room.removePeer('b');
    expect(room.closed).toBe(false);
    room.removePeer('c');
    expect(room.closed).toBe(true);
    expect(router.closed).toBe(true);
  });

  it('closes itself and tells its peers when its router closes under it', () => {
    const router = new FakeRouter();
    const room = new Room('r1', router as unknown as types.Router, logger);
    const inbox: SignalingServerMessage[] = [];
    const member = peer('a', inbox);
    room.attach(member);
    router.close();
    expect(room.closed).toBe(true);
    expect(member.closed).toBe(true);
    expect(inbox).toEqual([{ type: 'roomClosed', reason: expect.stringMatching(/rejoin/) }]);
  });
});

describe('RoomRegistry', () => {
  it('creates one room for concurrent getOrCreate calls and a fresh one after it closed', async () => {
    const worker = new FakeWorker();
    worker.routerDelayMs = 10;
    const registry = new RoomRegistry({ nextWorker: () => worker.asWorker(), logger });
    const [first, second] = await Promise.all([registry.getOrCreate('r1'), registry.getOrCreate('r1')]);
    expect(first).toBe(second);
    expect(worker.routers).toHaveLength(1);
    expect(registry.size).toBe(1);
    first.close();
    expect(registry.get('r1')).toBeUndefined();
    const third = await registry.getOrCreate('r1');
    expect(third).not.toBe(first);
    expect(worker.routers).toHaveLength(2);
  });

  it('forgets the rooms of a worker that died', async () => {
    const worker = new FakeWorker();
    const registry = new RoomRegistry({ nextWorker: () => worker.asWorker(), logger });
    await registry.getOrCreate('r1');
    await registry.getOrCreate('r2');
    worker.die();
    expect(registry.size).toBe(0);
  });
});
