import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { disconnectAll, getDb, type Db } from '@padmeet/data';
import { createJoinTokenSigner, createJoinTokenVerifier, generateJoinTokenKeyPair, type JoinTokenVerifier } from '@padmeet/join-token';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { errorOf, insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

// room.join and room.refreshMedia over PostgreSQL (the room's event, organisers, running session
// and its track's chairs as findAccess reads them) with join tokens signed and verified by the
// real join-token code (as apps/auth signs them and the SFU checks them). Pads are faked.
const databaseUrl = process.env['DATABASE_URL'];
const PREFIX = 'int-join-';
const suffix = randomUUID().slice(0, 8);
const account = viewersNamed(PREFIX, suffix);
const organiser = account('org', 'organiser');
const chair = account('chair', 'participant');
const participant = account('participant', 'participant');

const startsAt = new Date('2030-06-01T09:00:00Z');
const endsAt = new Date('2030-06-01T10:00:00Z');
const duringSession = startsAt.getTime() + 30 * 60_000;
const slugOf = (name: string) => `${PREFIX}${name}-${suffix}`;

describe('joining a room and refreshing its media token, against PostgreSQL', () => {
  let db: Db;
  let deps: ApiDeps;
  let verifier: JoinTokenVerifier;
  let eventIds: Record<'open' | 'members' | 'draft', string>;

  const as = (viewer: Viewer | null, cookie?: string, responseHeaders?: Headers) =>
    createServerCaller(deps, { viewer, headers: new Headers(cookie ? { cookie } : {}), responseHeaders });

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [organiser, chair, participant]);
    const pair = await generateJoinTokenKeyPair();
    const signer = await createJoinTokenSigner(pair.privateKeyPem);
    verifier = await createJoinTokenVerifier(pair.publicKeyPem);
    deps = {
      ...scheduleDepsOver(db, () => duringSession),
      // As apps/auth's /v1/join-tokens does: the grants and the subject, bounded by the session end.
      authService: { issueJoinToken: ({ subject, notAfter, ...grants }) => signer.sign(grants, { subject, notAfter, now: duringSession }) },
    };
    const makeEvent = async (name: string, state: { published: boolean; membersOnly: boolean }, capacity: number | null) => {
      const event = await db.event.create({ data: { slug: slugOf(name), name: `Join ${name}`, startsOn: new Date('2030-06-01'), endsOn: new Date('2030-06-02'), timeZone: 'UTC', ...state } });
      await db.eventOrganiser.create({ data: { eventId: event.id, userId: organiser.userId } });
      const room = await db.room.create({ data: { slug: slugOf(name), name: `Room ${name}`, eventId: event.id, capacity } });
      const track = await db.track.create({ data: { eventId: event.id, slug: 'zuul', name: 'Zuul' } });
      await db.trackChair.create({ data: { trackId: track.id, userId: chair.userId } });
      await db.session.create({ data: { trackId: track.id, roomId: room.id, title: 'Zuul v5', agenda: '', startsAt, endsAt } });
      return event.id;
    };
    eventIds = {
      open: await makeEvent('open', { published: true, membersOnly: false }, 12),
      members: await makeEvent('members', { published: true, membersOnly: true }, null),
      draft: await makeEvent('draft', { published: false, membersOnly: false }, 5),
    };
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: PREFIX } } });
    await db.user.deleteMany({ where: { username: { startsWith: PREFIX } } });
    await disconnectAll();
  });

  const claimsOf = (token: string, room: string) => verifier.verify(token, { expectedRoom: room, now: duringSession });

  it("signs the decision's grants: the running track's chair as chair, the room's capacity, expiry by the session end", async () => {
    const room = slugOf('open');
    const joined = await as(chair).room.join({ slug: room, displayName: 'ignored' });
    const claims = await claimsOf(joined.media.token, room);
    expect(claims).toMatchObject({ room, role: 'chair', canPublish: true, capacity: 12, sub: chair.userId, name: chair.displayName });
    expect(claims.exp * 1000).toBeLessThanOrEqual(endsAt.getTime() + 5 * 60_000);
    expect(await claimsOf((await as(participant).room.join({ slug: room, displayName: 'x' })).media.token, room)).toMatchObject({ role: 'participant', capacity: 12 });
  });

  it('refreshes a guest with the same subject, from the identity cookie set at the join', async () => {
    const room = slugOf('open');
    const responseHeaders = new Headers();
    const joined = await as(null, undefined, responseHeaders).room.join({ slug: room, displayName: 'Ada' });
    const cookie = responseHeaders
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    const refreshed = await as(null, cookie).room.refreshMedia({ slug: room, displayName: 'Ada' });
    const [before, after] = [await claimsOf(joined.media.token, room), await claimsOf(refreshed.token, room)];
    expect(after).toMatchObject({ sub: before.sub, role: 'guest', canPublish: true, capacity: 12, name: 'Ada' });
    expect(after.sub).toMatch(/^guest:/);
    expect(after.jti).not.toBe(before.jti);
    expect(refreshed.expiresAt).toBe(after.exp * 1000);
  });

  it("keeps a draft's rooms to its organisers, and refuses a refresh once the event is back to draft", async () => {
    const draft = slugOf('draft');
    for (const viewer of [null, participant, chair]) {
      const error = await errorOf(as(viewer).room.join({ slug: draft, displayName: 'Eve' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('This event is not published yet; only its organisers can enter its rooms.');
    }
    const joined = await as(organiser).room.join({ slug: draft, displayName: 'x' });
    expect(await claimsOf(joined.media.token, draft)).toMatchObject({ role: 'organiser', canPublish: true, capacity: 5 });

    const open = slugOf('open');
    await as(participant).room.refreshMedia({ slug: open, displayName: 'x' });
    await db.event.update({ where: { id: eventIds.open }, data: { published: false } });
    try {
      const error = await errorOf(as(participant).room.refreshMedia({ slug: open, displayName: 'x' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/not published yet/);
    } finally {
      await db.event.update({ where: { id: eventIds.open }, data: { published: true } });
    }
  });

  it('keeps a members-only event to accounts', async () => {
    const room = slugOf('members');
    const error = await errorOf(as(null).room.join({ slug: room, displayName: 'Eve' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/members only: please sign in/);
    const joined = await as(participant).room.join({ slug: room, displayName: 'x' });
    expect(await claimsOf(joined.media.token, room)).toMatchObject({ role: 'participant', canPublish: true, capacity: null });
  });
});
