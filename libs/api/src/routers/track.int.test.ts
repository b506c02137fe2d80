import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { errorOf, fieldOf, insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

const databaseUrl = process.env['DATABASE_URL'];
const PREFIX = 'int-chair-';
const suffix = randomUUID().slice(0, 8);
const slug = `${PREFIX}${suffix}`;

const account = viewersNamed(PREFIX, suffix);
const organiser = account('org', 'organiser');
const otherOrganiser = account('other-org', 'organiser');
const chair = account('chair', 'chair');
const participant = account('participant', 'participant');

describe('track chairs by username, against PostgreSQL', () => {
  let db: Db;
  let deps: ApiDeps;
  const as = (viewer: Viewer | null) => createServerCaller(deps, { viewer });
  let ids: { event: string; track: string };

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [organiser, otherOrganiser, chair, participant]);
    deps = scheduleDepsOver(db, () => Date.UTC(2030, 4, 1));
    const event = await as(organiser).event.create({ slug, name: 'Chairs PTG', startsOn: '2030-05-02', endsOn: '2030-05-03', timeZone: 'UTC' });
    const track = await as(organiser).track.create({ eventId: event.id, slug: 'zuul', name: 'Zuul', color: '#2f6f4f' });
    await as(organiser).event.update({ eventId: event.id, published: true });
    ids = { event: event.id, track: track.id };
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: PREFIX } } });
    await db.user.deleteMany({ where: { username: { startsWith: PREFIX } } });
    await disconnectAll();
  });

  it('adds a chair by username (as typed, in any case), lists it for the organiser, and the chair may book', async () => {
    const added = await as(organiser).track.addChair({ trackId: ids.track, username: `  ${chair.username.toUpperCase()} ` });
    expect(added).toEqual({ trackId: ids.track, userId: chair.userId, username: chair.username, displayName: 'The chair' });
    // Adding again changes nothing.
    await as(organiser).track.addChair({ trackId: ids.track, username: chair.username });
    expect(await as(organiser).track.chairs({ eventId: ids.event })).toEqual([added]);
    expect((await as(chair).schedule.get({ eventSlug: slug })).can.editTrackIds).toEqual([ids.track]);
  });

  it('refuses an unknown username next to the username field, and a malformed one', async () => {
    const unknown = await errorOf(as(organiser).track.addChair({ trackId: ids.track, username: `${PREFIX}nobody-${suffix}` }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toBe(`There is no account named "${PREFIX}nobody-${suffix}".`);
    expect(fieldOf(unknown)).toBe('username');
    const malformed = await errorOf(as(organiser).track.addChair({ trackId: ids.track, username: 'no spaces please' }));
    expect([malformed.code, fieldOf(malformed)]).toEqual(['BAD_REQUEST', 'username']);
    expect(await as(organiser).track.chairs({ eventId: ids.event })).toHaveLength(1);
  });

  it('refuses anyone but the event’s organisers: to add, remove or list chairs', async () => {
    for (const viewer of [chair, participant, otherOrganiser]) {
      expect((await errorOf(as(viewer).track.addChair({ trackId: ids.track, username: participant.username }))).code).toBe('FORBIDDEN');
      expect((await errorOf(as(viewer).track.removeChair({ trackId: ids.track, userId: chair.userId }))).code).toBe('FORBIDDEN');
      expect((await errorOf(as(viewer).track.chairs({ eventId: ids.event }))).code).toBe('FORBIDDEN');
    }
    expect((await errorOf(as(null).track.addChair({ trackId: ids.track, username: participant.username }))).code).toBe('UNAUTHORIZED');
    expect((await errorOf(as(null).track.chairs({ eventId: ids.event }))).code).toBe('UNAUTHORIZED');
    // Nothing changed: still the one chair.
    expect((await as(organiser).track.chairs({ eventId: ids.event })).map((c) => c.username)).toEqual([chair.username]);
  });

  it('removes a chair: gone from the list and from the chair’s edit rights', async () => {
    await as(organiser).track.removeChair({ trackId: ids.track, userId: chair.userId });
    expect(await as(organiser).track.chairs({ eventId: ids.event })).toEqual([]);
    expect((await as(chair).schedule.get({ eventSlug: slug })).can.editTrackIds).toEqual([]);
  });
});
