import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoomRepository, disconnectAll, getDb, seedDemo, type Db } from './index';

const databaseUrl = process.env['DATABASE_URL'];

describe('room repository against PostgreSQL', () => {
  let db: Db;
  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await db.room.deleteMany({ where: { slug: { startsWith: 'int-' } } });
    await db.event.deleteMany({ where: { slug: { startsWith: 'int-' } } });
  });
  afterAll(async () => {
    await db.room.deleteMany({ where: { slug: { startsWith: 'int-' } } });
    await db.event.deleteMany({ where: { slug: { startsWith: 'int-' } } });
    await db.user.deleteMany({ where: { username: { startsWith: 'int-chair-' } } });
    await disconnectAll();
  });

  it('lists rooms of published events only, in order', async () => {
    const published = await db.event.create({
      data: { slug: 'int-pub', name: 'Pub', startsOn: new Date('2030-01-01'), endsOn: new Date('2030-01-02'), timeZone: 'UTC', published: true },
    });
    const draft = await db.event.create({
      data: { slug: 'int-draft', name: 'Draft', startsOn: new Date('2030-01-01'), endsOn: new Date('2030-01-02'), timeZone: 'UTC' },
    });
    await db.room.createMany({
      data: [
        { slug: 'int-b', name: 'B', position: 2, eventId: published.id },
        { slug: 'int-a', name: 'A', position: 1, eventId: published.id, capacity: 20 },
        { slug: 'int-hidden', name: 'Hidden', eventId: draft.id },
      ],
    });
    const repo = createRoomRepository(db);
    const mine = (await repo.listPublished()).filter((room) => room.slug.startsWith('int-'));
    expect(mine).toEqual([
      { slug: 'int-a', name: 'A', capacity: 20, eventName: 'Pub', eventSlug: 'int-pub' },
      { slug: 'int-b', name: 'B', capacity: null, eventName: 'Pub', eventSlug: 'int-pub' },
    ]);
    expect(await repo.findBySlug('int-hidden')).toMatchObject({ slug: 'int-hidden' });
    expect(await repo.findBySlug('int-nope')).toBeNull();
  });

  it('refuses a slug that cannot be a pad ID, in the database itself', async () => {
    const event = await db.event.findUniqueOrThrow({ where: { slug: 'int-pub' } });
    await expect(db.room.create({ data: { slug: 'int-Bad Slug', name: 'x', eventId: event.id } })).rejects.toThrow(/room_slug_format/);
  });

  it("gives the event's access rules and the session running in the room, with its track and chairs", async () => {
    const event = await db.event.findUniqueOrThrow({ where: { slug: 'int-pub' } });
    const room = await db.room.findUniqueOrThrow({ where: { slug: 'int-a' } });
    const track = await db.track.create({ data: { eventId: event.id, slug: 'int-track', name: 'Zuul' } });
    const chair = await db.user.create({ data: { username: `int-chair-${Date.now()}`, displayName: 'Clark Boylan', passwordHash: 'scrypt$test' } });
    await db.trackChair.create({ data: { trackId: track.id, userId: chair.id } });
    const startsAt = new Date('2030-01-01T10:00:00Z');
    const endsAt = new Date('2030-01-01T11:00:00Z');
    const session = await db.session.create({ data: { trackId: track.id, roomId: room.id, title: 'S', agenda: '- one', startsAt, endsAt } });
    const repo = createRoomRepository(db);
    const base = { eventId: event.id, padGroupId: null, published: event.published, membersOnly: false, organiserIds: [], timeZone: event.timeZone };
    expect(await repo.findAccess('int-a', new Date('2030-01-01T10:30:00Z'))).toEqual({
      ...base,
      session: { id: session.id, title: 'S', agenda: '- one', trackName: 'Zuul', chairNames: ['Clark Boylan'], chairIds: [chair.id], startsAt, endsAt },
    });
    expect(await repo.findAccess('int-a', endsAt)).toEqual({ ...base, session: null });
    expect(await repo.findAccess('int-b', new Date('2030-01-01T10:30:00Z'))).toMatchObject({ session: null });
    expect(await repo.findAccess('int-nope', startsAt)).toBeNull();
  });

  it('seeds the demo event idempotently', async () => {
    await seedDemo(db);
    await seedDemo(db);
    expect(await db.room.count({ where: { slug: 'zuul-planning' } })).toBe(1);
  });
});
