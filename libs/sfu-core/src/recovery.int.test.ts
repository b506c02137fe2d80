import { afterEach, describe, expect, it } from 'vitest';
import { SFU_CLOSE_CODES } from '@padmeet/contract';
import { startTestSfu, until, type Client, type TestSfu, type TransportData } from './testing/harness';

// A mediasoup worker killed under its rooms (SIGKILL to the real worker process): its peers are
// told and disconnected, and a client that reconnects at once is back in the room within 5 s.
const started: TestSfu[] = [];

afterEach(async () => {
  for (const sfu of started.splice(0)) await sfu.close();
});

async function joinWith(sfu: TestSfu, token: string) {
  const client = await sfu.connectWith(token);
  const { rtpCapabilities } = await client.ok<{ rtpCapabilities: unknown }>('getRouterRtpCapabilities');
  const data = await client.ok<{ peerId: string; peers: Array<{ peerId: string }>; transports: TransportData[] }>('join', {
    rtpCapabilities,
    transports: ['recv', 'send'],
  });
  return { client, ...data };
}

/** What a client does on close code 4503: reconnect at once and rejoin (retrying while the server says UNAVAILABLE). */
async function rejoin(sfu: TestSfu, token: string, deadline: number) {
  for (;;) {
    try {
      return await joinWith(sfu, token);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

async function expectEndedForRecovery(client: Client) {
  expect(await client.waitForClose()).toBe(SFU_CLOSE_CODES.roomClosed);
  expect(client.notifications('roomClosed')).toEqual([{ type: 'roomClosed', reason: expect.stringMatching(/rejoin/) }]);
  expect(client.notifications('sessionEnded')).toEqual([{ type: 'sessionEnded', reason: 'room-closed', message: expect.stringMatching(/rejoin/) }]);
}

describe('worker death and recovery (real worker, SIGKILL)', () => {
  it('with two workers: the dead worker’s room closes, its peers rejoin on the live worker within 5 s, other rooms stay', async () => {
    const sfu = await startTestSfu({ workers: 2, rtcPort: 31320 });
    started.push(sfu);
    const aliceToken = await sfu.token({ room: 'doomed-room', name: 'Alice' });
    const bobToken = await sfu.token({ room: 'doomed-room', name: 'Bob' });
    const alice = await joinWith(sfu, aliceToken);
    const bob = await joinWith(sfu, bobToken);
    const other = await joinWith(sfu, await sfu.token({ room: 'other-room', name: 'Carol' }));
    const doomedPid = sfu.server.registry.get('doomed-room')?.workerPid;
    const otherPid = sfu.server.registry.get('other-room')?.workerPid;
    expect(doomedPid).toBeDefined();
    expect(otherPid).not.toBe(doomedPid);

    const killedAt = Date.now();
    process.kill(doomedPid as number, 'SIGKILL');
    await Promise.all([expectEndedForRecovery(alice.client), expectEndedForRecovery(bob.client)]);

    const [alice2, bob2] = await Promise.all([rejoin(sfu, aliceToken, killedAt + 5000), rejoin(sfu, bobToken, killedAt + 5000)]);
    const backWithin = Date.now() - killedAt;
    expect(backWithin).toBeLessThan(5000);
    const room = sfu.server.registry.get('doomed-room');
    expect(room?.joinedPeers().map((peer) => peer.id).sort()).toEqual([alice2.peerId, bob2.peerId].sort());
    // Whoever joined second found the first there.
    expect([...alice2.peers, ...bob2.peers].map((peer) => peer.peerId)).toHaveLength(1);
    expect(room?.workerPid).toBe(otherPid);
    for (const transport of [...alice2.transports, ...bob2.transports]) {
      for (const candidate of transport.iceCandidates) expect([31320, 31321]).toContain(candidate.port);
    }
    // The other room never noticed.
    expect(other.client.closeCode).toBeUndefined();
    expect(other.client.notifications('roomClosed')).toEqual([]);
    // The dead slot is refilled.
    await until(() => sfu.workerPool.aliveCount() === 2, 'the replacement worker', 5000);
    expect(sfu.workerPool.workers().map((entry) => entry.worker.pid)).not.toContain(doomedPid);
  });

  it('with one worker: a client reconnecting at once waits for the replacement (same port) and is back within 5 s', async () => {
    const sfu = await startTestSfu({ workers: 1, rtcPort: 31330 });
    started.push(sfu);
    const token = await sfu.token({ room: 'solo-room', name: 'Alice' });
    const alice = await joinWith(sfu, token);
    const pid = sfu.server.registry.get('solo-room')?.workerPid as number;

    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await expectEndedForRecovery(alice.client);
    const back = await rejoin(sfu, token, killedAt + 5000);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(sfu.server.registry.get('solo-room')?.workerPid).not.toBe(pid);
    for (const transport of back.transports) {
      for (const candidate of transport.iceCandidates) expect(candidate.port).toBe(31330);
    }
    const health = (await (await fetch(`http://${sfu.baseUrl}/healthz`)).json()) as { status: string; workers: number; peers: number };
    expect(health).toMatchObject({ status: 'ok', workers: 1, peers: 1 });
  });
});

describe('server shutdown', () => {
  it('tells every connection why (sessionEnded server-shutdown) and closes it with roomClosed, so clients reconnect', async () => {
    const sfu = await startTestSfu({ workers: 1, rtcPort: 31340 });
    const joined = await joinWith(sfu, await sfu.token({ room: 'shutdown-room' }));
    const waiting = await sfu.connect({ room: 'shutdown-room' });
    const closing = sfu.server.close();
    for (const client of [joined.client, waiting]) {
      expect(await client.waitForClose()).toBe(SFU_CLOSE_CODES.roomClosed);
      expect(client.notifications('sessionEnded')).toEqual([{ type: 'sessionEnded', reason: 'server-shutdown', message: expect.stringMatching(/shutting down/) }]);
    }
    expect(joined.client.notifications('roomClosed')).toHaveLength(1);
    await closing;
  });
});
