import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { errorOf, fieldOf, insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

const databaseUrl = process.env['DATABASE_URL'];
const PREFIX = 'int-order-';
const suffix = randomUUID().slice(0, 8);

const account = viewersNamed(PREFIX, suffix);
const organiser = account('org', 'organiser');
const otherOrganiser = account('other-org', 'organiser');
const chair = account('chair', 'chair');

describe('ordering rooms and tracks, against PostgreSQL', () => {
  let db: Db;
  let deps: ApiDeps;
  const as = (viewer: Viewer | null) => createServerCaller(deps, { viewer });
  const ids = { event: '', rooms: [] as string[], tracks: [] as string[], foreignRoom: '' };
  const slug = `${PREFIX}${suffix}`;
  const roomSlugs = async () => (await as(organiser).schedule.get({ eventSlug: slug })).rooms.map((r) => r.slug);
  const trackSlugs = async () => (await as(organiser).schedule.get({ eventSlug: slug })).tracks.map((t) => t.slug);

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [organiser, otherOrganiser, chair]);
    deps = scheduleDepsOver(db, () => Date.UTC(2030, 4, 1));
    const event = await as(organiser).event.create({ slug, name: 'Order PTG', startsOn: '2030-05-02', endsOn: '2030-05-03', timeZone: 'UTC' });
    ids.event = event.id;
    for (const name of ['a', 'b', 'c']) ids.rooms.push((await as(organiser).event.createRoom({ eventId: event.id, slug: `${slug}-${name}`, name: `Room ${name}` })).id);
    for (const name of ['nova', 'zuul']) ids.tracks.push((await as(organiser).track.create({ eventId: event.id, slug: name, name })).id);
    const other = await as(otherOrganiser).event.create({ slug: `${slug}-x`, name: 'Other PTG', startsOn: '2030-05-02', endsOn: '2030-05-03', timeZone: 'UTC' });
    ids.foreignRoom = (await as(otherOrganiser).event.createRoom({ eventId: other.id, slug: `${slug}-x-room`, name: 'Theirs' })).id;
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: PREFIX } } });
    await db.user.deleteMany({ where: { username: { startsWith: PREFIX } } });
    await disconnectAll();
  });

  it('puts the rooms in the order given: the answer, and the schedule everyone reads', async () => {
    expect(await roomSlugs()).toEqual([`${slug}-a`, `${slug}-b`, `${slug}-c`]);
    const [a, b, c] = ids.rooms;
    const rooms = await as(organiser).event.reorderRooms({ eventId: ids.event, roomIds: [c!, a!, b!] });
    expect(rooms.map((r) => [r.slug, r.position])).toEqual([
      [`${slug}-c`, 0],
      [`${slug}-a`, 1],
      [`${slug}-b`, 2],
    ]);
    expect(await roomSlugs()).toEqual([`${slug}-c`, `${slug}-a`, `${slug}-b`]);
  });

  it('refuses an order that is out of date (a room left out, or another event’s room) and changes nothing', async () => {
    const [a, b, c] = ids.rooms;
    for (const roomIds of [[a!, b!], [a!, b!, c!, ids.foreignRoom], [a!, b!, ids.foreignRoom]]) {
      const error = await errorOf(as(organiser).event.reorderRooms({ eventId: ids.event, roomIds }));
      expect([error.code, fieldOf(error)]).toEqual(['CONFLICT', 'roomIds']);
      expect(error.message).toBe('The rooms of this event have changed since this page was loaded; reload it and order them again.');
    }
    const twice = await errorOf(as(organiser).event.reorderRooms({ eventId: ids.event, roomIds: [a!, a!, b!] }));
    expect([twice.code, fieldOf(twice)]).toEqual(['BAD_REQUEST', 'roomIds']);
    expect(await roomSlugs()).toEqual([`${slug}-c`, `${slug}-a`, `${slug}-b`]);
    // The other event's room kept its place too.
    expect((await db.room.findUniqueOrThrow({ where: { id: ids.foreignRoom } })).position).toBe(0);
  });

  it('puts the tracks in the order given, and refuses a stale list', async () => {
    expect(await trackSlugs()).toEqual(['nova', 'zuul']);
    const [nova, zuul] = ids.tracks;
    expect((await as(organiser).track.reorder({ eventId: ids.event, trackIds: [zuul!, nova!] })).map((t) => t.slug)).toEqual(['zuul', 'nova']);
    expect(await trackSlugs()).toEqual(['zuul', 'nova']);
    const stale = await errorOf(as(organiser).track.reorder({ eventId: ids.event, trackIds: [nova!] }));
    expect([stale.code, fieldOf(stale), stale.message]).toEqual(['CONFLICT', 'trackIds', 'The tracks of this event have changed since this page was loaded; reload it and order them again.']);
    expect(await trackSlugs()).toEqual(['zuul', 'nova']);
  });

  it('lets only the event’s organisers reorder', async () => {
    const [a, b, c] = ids.rooms;
    for (const viewer of [chair, otherOrganiser]) {
      expect((await errorOf(as(viewer).event.reorderRooms({ eventId: ids.event, roomIds: [a!, b!, c!] }))).code).toBe('FORBIDDEN');
      expect((await errorOf(as(viewer).track.reorder({ eventId: ids.event, trackIds: [...ids.tracks] }))).code).toBe('FORBIDDEN');
    }
    expect((await errorOf(as(null).event.reorderRooms({ eventId: ids.event, roomIds: [a!, b!, c!] }))).code).toBe('UNAUTHORIZED');
    expect(await roomSlugs()).toEqual([`${slug}-c`, `${slug}-a`, `${slug}-b`]);
    expect(await trackSlugs()).toEqual(['zuul', 'nova']);
  });
});
