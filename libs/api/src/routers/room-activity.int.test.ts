import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { createChangeBus, createRoomActivityRepository, disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { createRoomActivity, type RoomActivityPush } from '../services/room-activity';
import { errorOf, insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

// Raised hands and chat over PostgreSQL: the same entry decision as room.join, the person the
// request proves (accounts; guests by the identity cookie room.join set), the hands queue per
// session, chat kept with its session, limited per person, the latest 100 for late joiners.
const databaseUrl = process.env['DATABASE_URL'];
const PREFIX = 'int-ra-';
const suffix = randomUUID().slice(0, 8);
const account = viewersNamed(PREFIX, suffix);
const organiser = account('org', 'organiser');
const chair = account('chair', 'participant');
const participant = account('participant', 'participant');

const startsAt = new Date('2030-07-01T09:00:00Z');
const endsAt = new Date('2030-07-01T10:00:00Z');
const duringSession = startsAt.getTime() + 30 * 60_000;
const slugOf = (name: string) => `${PREFIX}${name}-${suffix}`;

describe('raised hands and chat, against PostgreSQL', () => {
  let db: Db;
  let deps: ApiDeps;
  let sessionId: string;
  const pushes: Array<{ room: string; push: RoomActivityPush }> = [];

  const as = (viewer: Viewer | null, cookie?: string) => createServerCaller(deps, { viewer, headers: new Headers(cookie ? { cookie } : {}) });

  /** A guest who joined the room: the identity cookie room.join set in that browser. */
  async function guestJoined(room: string, name: string): Promise<{ cookie: string; subject: string }> {
    const responseHeaders = new Headers();
    await createServerCaller(deps, { viewer: null, headers: new Headers(), responseHeaders }).room.join({ slug: room, displayName: name, withNotes: false });
    const cookie = responseHeaders
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    const { you } = await as(null, cookie).roomActivity.read({ slug: room });
    if (!you.subject) throw new Error('the guest has no subject after joining');
    return { cookie, subject: you.subject };
  }

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [organiser, chair, participant]);
    const now = () => duringSession;
    const base = scheduleDepsOver(db, now);
    deps = { ...base, authService: { issueJoinToken: async () => ({ token: 't', expiresAt: duringSession + 600_000 }) }, roomActivity: createRoomActivity(createRoomActivityRepository(db), { now }) };
    deps.roomActivity!.hub.subscribe(slugOf('open'), (push) => pushes.push({ room: slugOf('open'), push }));
    const makeEvent = async (name: string, state: { published: boolean; membersOnly: boolean }, withSession: boolean) => {
      const event = await db.event.create({ data: { slug: slugOf(name), name: `Activity ${name}`, startsOn: new Date('2030-07-01'), endsOn: new Date('2030-07-02'), timeZone: 'UTC', ...state } });
      await db.eventOrganiser.create({ data: { eventId: event.id, userId: organiser.userId } });
      const room = await db.room.create({ data: { slug: slugOf(name), name: `Room ${name}`, eventId: event.id } });
      const track = await db.track.create({ data: { eventId: event.id, slug: 'nova', name: 'Nova' } });
      await db.trackChair.create({ data: { trackId: track.id, userId: chair.userId } });
      if (!withSession) return null;
      const session = await db.session.create({ data: { trackId: track.id, roomId: room.id, title: 'Nova planning', agenda: '', startsAt, endsAt } });
      return session.id;
    };
    sessionId = (await makeEvent('open', { published: true, membersOnly: false }, true))!;
    await makeEvent('members', { published: true, membersOnly: true }, true);
    await makeEvent('hallway', { published: true, membersOnly: false }, false);
    await makeEvent('history', { published: true, membersOnly: false }, false);
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: PREFIX } } });
    await db.user.deleteMany({ where: { username: { startsWith: PREFIX } } });
    await disconnectAll();
  });

  it("queues hands in order for the running session; a guest can neither lower another's hand nor all hands; the chair can", async () => {
    const room = slugOf('open');
    const ada = await guestJoined(room, 'Ada');
    const bob = await guestJoined(room, 'Bob');
    expect(ada.subject).toMatch(/^guest:/);
    expect(ada.subject).not.toBe(bob.subject);

    await as(null, ada.cookie).roomActivity.raiseHand({ slug: room, displayName: 'Ada' });
    await as(null, bob.cookie).roomActivity.raiseHand({ slug: room, displayName: 'Bob' });
    const afterParticipant = await as(participant).roomActivity.raiseHand({ slug: room, displayName: 'ignored' });
    expect(afterParticipant.sessionId).toBe(sessionId);
    expect(afterParticipant.hands.map((hand) => hand.name)).toEqual(['Ada', 'Bob', participant.displayName]);
    // Raised again: keeps its place.
    await as(null, ada.cookie).roomActivity.raiseHand({ slug: room, displayName: 'Ada' });

    // Refused by the server, and nothing changes.
    const notYours = await errorOf(as(null, bob.cookie).roomActivity.lowerHand({ slug: room, subject: ada.subject }));
    expect(notYours.code).toBe('FORBIDDEN');
    expect(notYours.message).toMatch(/Only the person, the session's chair/);
    const notAll = await errorOf(as(null, bob.cookie).roomActivity.lowerAllHands({ slug: room }));
    expect(notAll.code).toBe('FORBIDDEN');
    expect((await errorOf(as(participant).roomActivity.lowerAllHands({ slug: room }))).code).toBe('FORBIDDEN');
    // A browser without the identity cookie cannot act as anyone.
    expect((await errorOf(as(null).roomActivity.lowerHand({ slug: room, subject: ada.subject }))).code).toBe('UNAUTHORIZED');
    const read = await as(null, bob.cookie).roomActivity.read({ slug: room });
    expect(read.hands.hands.map((hand) => hand.subject)).toEqual([ada.subject, bob.subject, participant.userId]);
    expect(read.you).toEqual({ subject: bob.subject, moderator: false });

    // The running track's chair moderates: lowers one, then all.
    expect((await as(chair).roomActivity.read({ slug: room })).you).toEqual({ subject: chair.userId, moderator: true });
    const lowered = await as(chair).roomActivity.lowerHand({ slug: room, subject: bob.subject });
    expect(lowered.hands.map((hand) => hand.name)).toEqual(['Ada', participant.displayName]);
    // Bob lowers nothing of his own now; Ada lowers hers and raises it again: to the back.
    await as(null, ada.cookie).roomActivity.lowerHand({ slug: room, subject: ada.subject });
    const back = await as(null, ada.cookie).roomActivity.raiseHand({ slug: room, displayName: 'Ada' });
    expect(back.hands.map((hand) => hand.name)).toEqual([participant.displayName, 'Ada']);
    expect(pushes.filter((entry) => entry.push.type === 'hands').at(-1)?.push.data).toEqual(back);

    // An organiser of the event lowers all.
    expect((await as(organiser).roomActivity.lowerAllHands({ slug: room })).hands).toEqual([]);
    expect(await db.raisedHand.count({ where: { room: { slug: room } } })).toBe(0);
  });

  it('keeps a hallway queue (no session running) apart, with a null session', async () => {
    const room = slugOf('hallway');
    const raised = await as(participant).roomActivity.raiseHand({ slug: room, displayName: 'x' });
    expect(raised).toMatchObject({ sessionId: null, hands: [{ subject: participant.userId, name: participant.displayName }] });
    // No chair between sessions; the event's organisers still moderate.
    expect((await as(chair).roomActivity.read({ slug: room })).you.moderator).toBe(false);
    expect((await errorOf(as(chair).roomActivity.lowerHand({ slug: room, subject: participant.userId }))).code).toBe('FORBIDDEN');
    expect((await as(organiser).roomActivity.lowerHand({ slug: room, subject: participant.userId })).hands).toEqual([]);
  });

  it('stores chat as plain text with its session, as the proven person, and sends it to the room', async () => {
    const room = slugOf('open');
    const ada = await guestJoined(room, 'Ada');
    const message = await as(null, ada.cookie).roomActivity.sendChat({ slug: room, displayName: 'Ada', text: '  <b>hi</b> see https://example.org  ' });
    expect(message).toMatchObject({ subject: ada.subject, name: 'Ada', text: '<b>hi</b> see https://example.org' });
    const row = await db.chatMessage.findUniqueOrThrow({ where: { id: BigInt(message.id) } });
    expect(row).toMatchObject({ sessionId, subject: ada.subject, body: '<b>hi</b> see https://example.org' });
    expect(pushes.some((entry) => entry.push.type === 'chat' && entry.push.data.messages[0]?.id === message.id)).toBe(true);
    // A signed-in person posts under their account's name, whatever they send.
    expect(await as(participant).roomActivity.sendChat({ slug: room, displayName: 'Someone Else', text: 'hello' })).toMatchObject({ subject: participant.userId, name: participant.displayName });

    const before = await db.chatMessage.count({ where: { room: { slug: room } } });
    for (const text of ['   ', 'x'.repeat(1001), 'bell\u0007']) {
      expect((await errorOf(as(null, ada.cookie).roomActivity.sendChat({ slug: room, displayName: 'Ada', text }))).code).toBe('BAD_REQUEST');
    }
    // Without the identity cookie of a joined guest, nobody posts.
    expect((await errorOf(as(null).roomActivity.sendChat({ slug: room, displayName: 'Ada', text: 'as Ada?' }))).code).toBe('UNAUTHORIZED');
    expect(await db.chatMessage.count({ where: { room: { slug: room } } })).toBe(before);
  });

  it('limits chat per person: the 11th message within 15 s is refused and not stored; others still post', async () => {
    const room = slugOf('hallway');
    const eve = await guestJoined(room, 'Eve');
    for (let i = 1; i <= 10; i += 1) await as(null, eve.cookie).roomActivity.sendChat({ slug: room, displayName: 'Eve', text: `message ${i}` });
    const refused = await errorOf(as(null, eve.cookie).roomActivity.sendChat({ slug: room, displayName: 'Eve', text: 'one too many' }));
    expect(refused.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/sending messages too fast; wait \d+ seconds?/);
    expect(await db.chatMessage.count({ where: { room: { slug: room }, subject: eve.subject } })).toBe(10);
    expect(await as(participant).roomActivity.sendChat({ slug: room, displayName: 'x', text: 'still fine' })).toMatchObject({ subject: participant.userId });
  });

  it('gives late joiners the latest 100 messages, oldest first, and what came after a given message', async () => {
    const room = slugOf('history');
    const repository = createRoomActivityRepository(db);
    for (let i = 1; i <= 105; i += 1) await repository.addChat(room, null, { subject: participant.userId, name: 'P', body: `m${i}` });
    const late = await guestJoined(room, 'Late');
    const { chat } = await as(null, late.cookie).roomActivity.read({ slug: room });
    expect(chat.messages).toHaveLength(100);
    expect(chat.messages[0]!.text).toBe('m6');
    expect(chat.messages.at(-1)!.text).toBe('m105');
    const after = await as(null, late.cookie).roomActivity.read({ slug: room, afterId: chat.messages[97]!.id });
    expect(after.chat.messages.map((message) => message.text)).toEqual(['m104', 'm105']);
  });

  it('refuses a members-only room to anonymous readers and writers', async () => {
    const room = slugOf('members');
    for (const call of [
      as(null).roomActivity.read({ slug: room }),
      as(null).roomActivity.sendChat({ slug: room, displayName: 'Eve', text: 'hi' }),
      as(null).roomActivity.raiseHand({ slug: room, displayName: 'Eve' }),
    ]) {
      const error = await errorOf(call);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/members only: please sign in/);
    }
    expect(await db.chatMessage.count({ where: { room: { slug: room } } })).toBe(0);
    expect(await as(participant).roomActivity.sendChat({ slug: room, displayName: 'x', text: 'members here' })).toMatchObject({ text: 'members here' });
    expect((await as(participant).roomActivity.read({ slug: room })).chat.messages.map((message) => message.text)).toEqual(['members here']);
  });

  it("reaches another web process's streams of the room at once (the change bus), read back there once, for rooms streamed there only", async () => {
    const [room, unwatched] = [slugOf('history'), slugOf('hallway')];
    const channel = `padmeet_it_ra_${process.pid}`;
    const busA = createChangeBus({ databaseUrl: databaseUrl!, channel });
    const busB = createChangeBus({ databaseUrl: databaseUrl!, channel });
    try {
      const repository = createRoomActivityRepository(db);
      const readsOnB: string[] = [];
      const countingOnB = {
        ...repository,
        hands: (slug: string, session: string | null) => (readsOnB.push(`hands ${slug}`), repository.hands(slug, session)),
        chat: (slug: string, options: { limit: number; afterId?: bigint }) => (readsOnB.push(`chat ${slug}`), repository.chat(slug, options)),
      };
      const processA = { ...deps, roomActivity: createRoomActivity(repository, { now: () => duringSession, bus: busA }) };
      const processB = createRoomActivity(countingOnB, { now: () => duringSession, bus: busB });
      const onA: RoomActivityPush[] = [];
      const onB: RoomActivityPush[] = [];
      processA.roomActivity.hub.subscribe(room, (push) => onA.push(push));
      processB.hub.subscribe(room, (push) => onB.push(push));
      processB.hub.subscribe(room, () => undefined); // a second stream of the room on B: still one read
      await expect.poll(() => busA.listening && busB.listening).toBe(true);

      const throughA = createServerCaller(processA, { viewer: participant, headers: new Headers() }).roomActivity;
      await throughA.raiseHand({ slug: unwatched, displayName: 'x' });
      const hands = await throughA.raiseHand({ slug: room, displayName: 'x' });
      const message = await throughA.sendChat({ slug: room, displayName: 'x', text: 'through process A' });
      await expect.poll(() => onB.length, { timeout: 10_000 }).toBe(2);
      expect(onB).toEqual([
        { type: 'hands', data: hands },
        { type: 'chat', data: { messages: [message] } },
      ]);
      expect(readsOnB).toEqual([`hands ${room}`, `chat ${room}`]);
      // Process A's own streams got each change once, from A itself.
      expect(onA).toEqual(onB);
      await as(organiser).roomActivity.lowerAllHands({ slug: room });
      await as(organiser).roomActivity.lowerAllHands({ slug: unwatched });
    } finally {
      await Promise.all([busA.close(), busB.close()]);
    }
  });
});
