import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@padmeet/util';
import { createEventRepository, createScheduleRepository, createSessionRepository, createTrackRepository, disconnectAll, getDb, type Db } from './index';

const databaseUrl = process.env['DATABASE_URL'];

describe('schedule repositories against PostgreSQL', () => {
  let db: Db;
  let eventId: string;
  let roomId: string;
  let trackId: string;
  const slug = `int-sched-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    const events = createEventRepository(db);
    const organiser = randomUUID();
    // Organisers and chairs are accounts (foreign keys to app_user).
    await db.user.create({ data: { id: organiser, username: `int-sched-${organiser.slice(0, 8)}`, displayName: 'Organiser', role: 'organiser', passwordHash: 'scrypt$test' } });
    const event = await events.create({ slug, name: 'Integration PTG', startsOn: '2030-03-30', endsOn: '2030-03-31', timeZone: 'Europe/Berlin' }, organiser);
    expect(event.organiserIds).toEqual([organiser]);
    eventId = event.id;
    roomId = (await events.createRoom(eventId, { slug: `${slug}-room`, name: 'Room', capacity: null })).id;
    trackId = (await createTrackRepository(db).create(eventId, { slug: 'zuul', name: 'Zuul', color: '#123456' })).id;
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: 'int-sched-' } } });
    await db.user.deleteMany({ where: { username: { startsWith: 'int-sched-' } } });
    await disconnectAll();
  });

  const slot = (start: string, end: string) => ({ trackId, roomId, title: 'S', agenda: '', startsAt: new Date(start), endsAt: new Date(end) });

  it('lets exactly one of many concurrent bookings of one slot win; the rest get CONFLICT on the start field', async () => {
    const sessions = createSessionRepository(db);
    const attempts = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) => sessions.create({ ...slot('2030-03-30T09:00:00Z', '2030-03-30T10:00:00Z'), title: `Attempt ${i}` })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(23);
    for (const loss of lost) {
      expect(isAppError(loss.reason)).toBe(true);
      expect(loss.reason).toMatchObject({ code: 'CONFLICT', field: 'start' });
    }
    expect(await db.session.count({ where: { roomId } })).toBe(1);
  });

  it('refuses overlapping moves in the database, allows back-to-back sessions', async () => {
    const sessions = createSessionRepository(db);
    const next = await sessions.create(slot('2030-03-30T10:00:00Z', '2030-03-30T11:00:00Z'));
    await expect(sessions.update(next.id, { startsAt: new Date('2030-03-30T09:30:00Z') })).rejects.toMatchObject({ code: 'CONFLICT', field: 'start' });
    const moved = await sessions.update(next.id, { startsAt: new Date('2030-03-30T10:15:00Z'), title: 'Moved' });
    expect(moved).toMatchObject({ title: 'Moved', sequence: 1, eventId });
    expect(moved.updatedAt.getTime()).toBeGreaterThanOrEqual(next.updatedAt.getTime());
  });

  it('refuses a session ending before it starts (CHECK constraint)', async () => {
    await expect(db.session.create({ data: slot('2030-03-31T10:00:00Z', '2030-03-31T09:00:00Z') })).rejects.toThrow(/session_ends_after_start|23514|check constraint/i);
  });

  it('loads a whole schedule in order and lists a room\'s bookings in a window', async () => {
    const schedule = await createScheduleRepository(db).load(slug);
    expect(schedule?.event).toMatchObject({ slug, startsOn: '2030-03-30', endsOn: '2030-03-31', timeZone: 'Europe/Berlin' });
    expect(schedule?.rooms.map((r) => r.slug)).toEqual([`${slug}-room`]);
    expect(schedule?.tracks.map((t) => t.slug)).toEqual(['zuul']);
    expect(schedule?.sessions.map((s) => s.startsAt.toISOString())).toEqual(['2030-03-30T09:00:00.000Z', '2030-03-30T10:15:00.000Z']);
    const inWindow = await createSessionRepository(db).listInRoom(roomId, new Date('2030-03-30T09:59:00Z'), new Date('2030-03-30T10:16:00Z'));
    expect(inWindow).toHaveLength(2);
    expect(await createScheduleRepository(db).load('int-sched-missing')).toBeNull();
  });

  it('refuses a duplicate track slug and event slug with CONFLICT on the slug field', async () => {
    await expect(createTrackRepository(db).create(eventId, { slug: 'zuul', name: 'Again', color: '#123456' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
    const organiserId = (await db.eventOrganiser.findFirstOrThrow({ where: { eventId }, select: { userId: true } })).userId;
    await expect(createEventRepository(db).create({ slug, name: 'Again', startsOn: '2030-01-01', endsOn: '2030-01-01', timeZone: 'UTC' }, organiserId)).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'slug',
    });
  });
});
