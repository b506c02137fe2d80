import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { appRouter } from '../root';
import { createServerCaller } from '../server';
import { errorOf, insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

const databaseUrl = process.env['DATABASE_URL'];
const suffix = randomUUID().slice(0, 8);
const prefix = 'int-writes-';
const viewer = viewersNamed(prefix, suffix);
const organiser = viewer('org', 'organiser');
const chair = viewer('chair', 'chair');
const stranger = viewer('stranger', 'organiser');
const slug = `${prefix}${suffix}`;

/** Every mutation of the schedule's routers, from appRouter itself. */
const scheduleMutations = Object.entries((appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }).procedures)
  .filter(([path, procedure]) => /^(event|track|session)\./.test(path) && procedure._def.type === 'mutation')
  .map(([path]) => path)
  .sort();

/**
 * Every schedule write through the API tells the live schedule (snapshots, cached pages, now/next
 * streams) that its event changed, from one middleware: no handler calls it. A mutation added to
 * these routers without a case here fails the first test.
 */
describe('schedule writes announce their event', () => {
  let db: Db;
  let deps: ApiDeps;
  const announced: string[] = [];
  const as = (who: typeof organiser) => createServerCaller(deps, { viewer: who });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [organiser, chair, stranger]);
    deps = scheduleDepsOver(db, () => new Date('2030-03-01T00:00:00Z').getTime());
    const live = deps.schedule.live;
    deps.schedule.live = { ...live, changed: (eventSlug) => (announced.push(eventSlug), live.changed(eventSlug)) };
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: prefix } } });
    await db.user.deleteMany({ where: { username: { startsWith: prefix } } });
    await disconnectAll();
  });

  const writes: Array<[string, () => Promise<unknown>]> = [
    ['event.create', async () => (ids['event'] = (await as(organiser).event.create({ slug, name: 'Writes', startsOn: '2030-03-30', endsOn: '2030-03-31', timeZone: 'UTC' })).id)],
    ['event.update', () => as(organiser).event.update({ eventId: ids['event']!, name: 'Writes renamed', published: true })],
    ['event.addOrganiser', () => as(organiser).event.addOrganiser({ eventId: ids['event']!, userId: stranger.userId })],
    ['event.removeOrganiser', () => as(organiser).event.removeOrganiser({ eventId: ids['event']!, userId: stranger.userId })],
    ['event.createRoom', async () => (ids['room'] = (await as(organiser).event.createRoom({ eventId: ids['event']!, slug: `${slug}-r`, name: 'Room', capacity: null })).id)],
    ['event.updateRoom', () => as(organiser).event.updateRoom({ roomId: ids['room']!, name: 'Room one' })],
    ['event.reorderRooms', () => as(organiser).event.reorderRooms({ eventId: ids['event']!, roomIds: [ids['room']!] })],
    ['track.create', async () => (ids['track'] = (await as(organiser).track.create({ eventId: ids['event']!, slug: 'zuul', name: 'Zuul', color: '#2f6f4f' })).id)],
    ['track.update', () => as(organiser).track.update({ trackId: ids['track']!, name: 'Zuul CI' })],
    ['track.reorder', () => as(organiser).track.reorder({ eventId: ids['event']!, trackIds: [ids['track']!] })],
    ['track.addChair', () => as(organiser).track.addChair({ trackId: ids['track']!, username: chair.username })],
    ['track.removeChair', () => as(organiser).track.removeChair({ trackId: ids['track']!, userId: chair.userId })],
    [
      'session.book',
      async () =>
        (ids['session'] = (
          await as(organiser).session.book({ trackId: ids['track']!, roomId: ids['room']!, title: 'S', agenda: '', start: new Date('2030-03-30T09:00:00Z'), end: new Date('2030-03-30T10:00:00Z') })
        ).id),
    ],
    ['session.update', () => as(organiser).session.update({ sessionId: ids['session']!, title: 'S moved', start: new Date('2030-03-30T11:00:00Z'), end: new Date('2030-03-30T12:00:00Z') })],
    ['session.extend', () => as(organiser).session.extend({ sessionId: ids['session']!, from: new Date('2030-03-30T12:00:00Z') })],
    ['session.cancel', () => as(organiser).session.cancel({ sessionId: ids['session']! })],
  ];

  it('covers every mutation of the event, track and session routers', () => {
    expect(writes.map(([path]) => path).sort()).toEqual(scheduleMutations);
  });

  it.each(writes.map(([path], index) => [path, index] as const))('%s announces its event once it succeeded', async (_path, index) => {
    announced.length = 0;
    await writes[index]![1]();
    expect(announced).toEqual([slug]);
  });

  it('announces nothing for a refused write or a read', async () => {
    announced.length = 0;
    expect((await errorOf(as(stranger).event.update({ eventId: ids['event']!, name: 'Not yours' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(as(organiser).event.update({ eventId: ids['event']!, endsOn: '2030-03-29' }))).code).toBe('BAD_REQUEST');
    await as(organiser).track.chairs({ eventId: ids['event']! });
    expect(announced).toEqual([]);
  });
});
