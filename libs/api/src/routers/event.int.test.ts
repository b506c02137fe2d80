import { randomUUID } from 'node:crypto';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

const databaseUrl = process.env['DATABASE_URL'];
const suffix = randomUUID().slice(0, 8);
const prefix = 'int-race-';
const viewer = viewersNamed(prefix, suffix);
const ann = viewer('ann', 'organiser');
const bob = viewer('bob', 'organiser');
const chair = viewer('chair', 'chair');

/**
 * Check-then-write races of the schedule's writes, through the API against PostgreSQL: each round
 * fires the competing calls at once; whatever order the database picks, the invariant holds.
 */
describe('concurrent schedule writes', () => {
  let db: Db;
  let deps: ApiDeps;
  const as = (who: typeof ann) => createServerCaller(deps, { viewer: who });
  let round = 0;
  const newEvent = async () => {
    round++;
    return as(ann).event.create({ slug: `${prefix}${suffix}-${round}`, name: `Race ${round}`, startsOn: '2030-03-30', endsOn: '2030-03-31', timeZone: 'UTC' });
  };

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [ann, bob, chair]);
    deps = scheduleDepsOver(db, () => new Date('2030-03-01T00:00:00Z').getTime());
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: prefix } } });
    await db.user.deleteMany({ where: { username: { startsWith: prefix } } });
    await disconnectAll();
  });

  it('never leaves an event without an organiser when its last two remove each other at once', async () => {
    for (let i = 0; i < 8; i++) {
      const event = await newEvent();
      await as(ann).event.addOrganiser({ eventId: event.id, userId: bob.userId });
      const results = await Promise.allSettled([
        as(ann).event.removeOrganiser({ eventId: event.id, userId: bob.userId }),
        as(bob).event.removeOrganiser({ eventId: event.id, userId: ann.userId }),
      ]);
      expect(await db.eventOrganiser.count({ where: { eventId: event.id } })).toBe(1);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect((refused?.reason as TRPCError).code).toBe('BAD_REQUEST');
    }
  });

  it('never keeps a session outside the event when its dates shrink while it is booked', async () => {
    for (let i = 0; i < 8; i++) {
      const event = await newEvent();
      const room = await as(ann).event.createRoom({ eventId: event.id, slug: `${prefix}${suffix}-${round}-r`, name: 'Room', capacity: null });
      const track = await as(ann).track.create({ eventId: event.id, slug: 'zuul', name: 'Zuul', color: '#2f6f4f' });
      // Bookings on the last day, and the organiser cutting the last day, all at once.
      const bookings = Array.from({ length: 4 }, (_, h) =>
        as(ann).session.book({ trackId: track.id, roomId: room.id, title: `S${h}`, agenda: '', start: new Date(`2030-03-31T0${h + 1}:00:00Z`), end: new Date(`2030-03-31T0${h + 1}:30:00Z`) }),
      );
      const [shrink, ...booked] = await Promise.allSettled([as(ann).event.update({ eventId: event.id, endsOn: '2030-03-30' }), ...bookings]);
      const kept = booked.filter((b) => b.status === 'fulfilled').length;
      if (shrink.status === 'fulfilled') expect(kept).toBe(0);
      else expect(kept).toBeGreaterThan(0);
      const endsOn = (await db.event.findUniqueOrThrow({ where: { id: event.id } })).endsOn.toISOString().slice(0, 10);
      const outside = await db.session.count({ where: { room: { eventId: event.id }, endsAt: { gt: new Date(`${endsOn}T23:59:59.999Z`) } } });
      expect(outside).toBe(0);
    }
  });

  it('gives rooms and tracks created at once distinct positions in order of creation', async () => {
    const event = await newEvent();
    const rooms = await Promise.all(Array.from({ length: 8 }, (_, n) => as(ann).event.createRoom({ eventId: event.id, slug: `${prefix}${suffix}-p${n}`, name: `R${n}`, capacity: null })));
    const tracks = await Promise.all(Array.from({ length: 8 }, (_, n) => as(ann).track.create({ eventId: event.id, slug: `t${n}`, name: `T${n}`, color: '#2f6f4f' })));
    expect(rooms.map((r) => r.position).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(tracks.map((t) => t.position).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('tells whether an event exists, draft or not, to anyone (the schedule page reads it through the API)', async () => {
    const draft = await newEvent();
    const anyone = createServerCaller(deps, { viewer: null });
    expect(await anyone.event.exists({ slug: draft.slug })).toEqual({ exists: true });
    expect(await anyone.event.exists({ slug: `${prefix}${suffix}-none` })).toEqual({ exists: false });
  });
});
