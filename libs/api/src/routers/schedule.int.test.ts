import { randomUUID } from 'node:crypto';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { errorOf, fieldOf, scheduleDepsOver } from '../testing/harness';

const databaseUrl = process.env['DATABASE_URL'];
const slug = `int-api-${randomUUID().slice(0, 8)}`;
const organiser: Viewer = { userId: randomUUID(), username: 'org', role: 'organiser' };
const zuulChair: Viewer = { userId: randomUUID(), username: 'zuul-chair', role: 'chair' };
const novaChair: Viewer = { userId: randomUUID(), username: 'nova-chair', role: 'chair' };

describe('scheduling procedures against PostgreSQL', () => {
  let db: Db;
  let deps: ApiDeps;
  let clock = new Date('2030-03-30T08:00:00Z').getTime();
  const as = (viewer: Viewer | null) => createServerCaller(deps, { viewer });
  let ids: { event: string; room: string; otherRoom: string; zuul: string; nova: string };

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    // Organisers and chairs are accounts (foreign keys to app_user).
    for (const viewer of [organiser, zuulChair, novaChair]) {
      await db.user.create({ data: { id: viewer.userId, username: `int-api-${viewer.userId.slice(0, 8)}`, displayName: viewer.username, role: viewer.role, passwordHash: 'scrypt$test' } });
    }
    deps = scheduleDepsOver(db, () => clock);
    const event = await as(organiser).event.create({ slug, name: 'API PTG', startsOn: '2030-03-30', endsOn: '2030-03-31', timeZone: 'Europe/Berlin' });
    const room = await as(organiser).event.createRoom({ eventId: event.id, slug: `${slug}-a`, name: 'Room A', capacity: 30 });
    const other = await as(organiser).event.create({ slug: `${slug}-other`, name: 'Other', startsOn: '2030-03-30', endsOn: '2030-03-31', timeZone: 'UTC' });
    const otherRoom = await as(organiser).event.createRoom({ eventId: other.id, slug: `${slug}-x`, name: 'Elsewhere', capacity: null });
    const zuul = await as(organiser).track.create({ eventId: event.id, slug: 'zuul', name: 'Zuul', color: '#2f6f4f' });
    const nova = await as(organiser).track.create({ eventId: event.id, slug: 'nova', name: 'Nova', color: '#6f2f4f' });
    await as(organiser).track.addChair({ trackId: zuul.id, username: `int-api-${zuulChair.userId.slice(0, 8)}` });
    await as(organiser).track.addChair({ trackId: nova.id, username: `int-api-${novaChair.userId.slice(0, 8)}` });
    ids = { event: event.id, room: room.id, otherRoom: otherRoom.id, zuul: zuul.id, nova: nova.id };
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: 'int-api-' } } });
    await db.user.deleteMany({ where: { username: { startsWith: 'int-api-' } } });
    await disconnectAll();
  });

  const booking = (start: string, end: string, extra: Partial<{ trackId: string; roomId: string }> = {}) => ({
    trackId: ids.zuul,
    roomId: ids.room,
    title: 'Zuul v5',
    agenda: '- plan',
    start: new Date(start),
    end: new Date(end),
    ...extra,
  });

  it('hides a draft from visitors and shows it to its organiser; publishing shows it to all', async () => {
    expect((await errorOf(as(null).schedule.get({ eventSlug: slug }))).code).toBe('NOT_FOUND');
    expect((await as(organiser).schedule.get({ eventSlug: slug })).can.editEvent).toBe(true);
    expect((await errorOf(as(zuulChair).event.update({ eventId: ids.event, published: true }))).code).toBe('FORBIDDEN');
    await as(organiser).event.update({ eventId: ids.event, published: true });
    const visitorView = await as(null).schedule.get({ eventSlug: slug });
    expect(visitorView.can).toEqual({ editEvent: false, editTrackIds: [] });
    expect(visitorView.days).toEqual(['2030-03-30', '2030-03-31']);
    expect((await as(zuulChair).schedule.get({ eventSlug: slug })).can.editTrackIds).toEqual([ids.zuul]);
  });

  it('lets a chair book a free slot for their own track only', async () => {
    const session = await as(zuulChair).session.book(booking('2030-03-30T09:00:00Z', '2030-03-30T10:00:00Z'));
    expect(session).toMatchObject({ title: 'Zuul v5', sequence: 0 });
    expect(session).not.toHaveProperty('eventId');
    expect((await errorOf(as(novaChair).session.book(booking('2030-03-30T11:00:00Z', '2030-03-30T12:00:00Z')))).code).toBe('FORBIDDEN');
    expect((await errorOf(as(null).session.book(booking('2030-03-30T11:00:00Z', '2030-03-30T12:00:00Z')))).code).toBe('UNAUTHORIZED');
    const schedule = await as(null).schedule.get({ eventSlug: slug });
    expect(schedule.sessions.map((s) => s.id)).toEqual([session.id]);
  });

  it('refuses overlap, end before start, outside the dates and a room of another event, naming the field', async () => {
    const overlap = await errorOf(as(novaChair).session.book(booking('2030-03-30T09:30:00Z', '2030-03-30T10:30:00Z', { trackId: ids.nova })));
    expect(overlap.code).toBe('CONFLICT');
    expect(overlap.message).toBe('The room is taken from 2030-03-30 10:00 to 11:00 (Europe/Berlin) by "Zuul v5".');
    expect((overlap.cause as { field?: string }).field).toBe('start');
    const backwards = await errorOf(as(zuulChair).session.book(booking('2030-03-30T12:00:00Z', '2030-03-30T11:00:00Z')));
    expect([backwards.code, (backwards.cause as { field?: string }).field]).toEqual(['BAD_REQUEST', 'end']);
    const outside = await errorOf(as(zuulChair).session.book(booking('2030-04-01T09:00:00Z', '2030-04-01T10:00:00Z')));
    expect([outside.code, (outside.cause as { field?: string }).field]).toEqual(['BAD_REQUEST', 'start']);
    const elsewhere = await errorOf(as(zuulChair).session.book(booking('2030-03-30T12:00:00Z', '2030-03-30T13:00:00Z', { roomId: ids.otherRoom })));
    expect([elsewhere.code, (elsewhere.cause as { field?: string }).field]).toEqual(['BAD_REQUEST', 'roomId']);
    expect(elsewhere.message).toMatch(/belongs to another event/);
  });

  it('moves, extends, edits and cancels; another chair cannot', async () => {
    const { sessions } = await as(null).schedule.get({ eventSlug: slug });
    const id = sessions[0]!.id;
    const moved = await as(zuulChair).session.update({ sessionId: id, start: new Date('2030-03-30T10:00:00Z'), end: new Date('2030-03-30T11:30:00Z'), agenda: '- plan\n- more' });
    expect(moved).toMatchObject({ sequence: 1, agenda: '- plan\n- more' });
    expect(moved.endsAt.toISOString()).toBe('2030-03-30T11:30:00.000Z');
    expect((await errorOf(as(novaChair).session.update({ sessionId: id, title: 'Mine now' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(as(novaChair).session.cancel({ sessionId: id }))).code).toBe('FORBIDDEN');
    // The organiser may edit any track's session.
    expect((await as(organiser).session.update({ sessionId: id, title: 'Zuul v5 planning' })).sequence).toBe(2);
  });

  it('refuses event dates that would leave a booked session outside, and changes nothing; longer dates are fine', async () => {
    // The one session is on 30 March (10:00-11:30 UTC); the event runs 30-31 March.
    const later = await errorOf(as(organiser).event.update({ eventId: ids.event, startsOn: '2030-03-31' }));
    expect([later.code, fieldOf(later)]).toEqual(['BAD_REQUEST', 'startsOn']);
    expect(later.message).toBe('"Zuul v5 planning" (2030-03-30 11:00, Europe/Berlin) would fall before the first day; move or cancel it first.');
    const backwards = await errorOf(as(organiser).event.update({ eventId: ids.event, endsOn: '2030-03-29' }));
    expect([backwards.code, fieldOf(backwards), backwards.message]).toEqual(['BAD_REQUEST', 'endsOn', 'The last day cannot be before the first']);
    expect((await as(organiser).event.bySlug({ slug })).startsOn).toBe('2030-03-30');
    const longer = await as(organiser).event.update({ eventId: ids.event, endsOn: '2030-04-02' });
    expect(longer.endsOn).toBe('2030-04-02');
    await as(organiser).event.update({ eventId: ids.event, endsOn: '2030-03-31' });
  });

  // 30 March 2030 is the day before Berlin's DST change: CET, UTC+1.
  it('answers now/next and free slots from the live schedule', async () => {
    const nova = await as(novaChair).session.book(booking('2030-03-30T12:00:00Z', '2030-03-30T13:00:00Z', { trackId: ids.nova }));
    clock = new Date('2030-03-30T10:30:00Z').getTime();
    const now = await as(null).schedule.nowNext({ eventSlug: slug });
    expect(now.rooms).toHaveLength(1);
    expect(now.rooms[0]).toMatchObject({ current: { title: 'Zuul v5 planning' }, next: { id: nova.id } });
    expect(now.nextChangeAt?.toISOString()).toBe('2030-03-30T11:30:00.000Z');
    const free = await as(null).schedule.freeSlots({ eventSlug: slug, roomId: ids.room, date: '2030-03-30' });
    expect(free.map((f) => [f.startsAt.toISOString(), f.endsAt.toISOString()])).toEqual([
      ['2030-03-29T23:00:00.000Z', '2030-03-30T10:00:00.000Z'],
      ['2030-03-30T11:30:00.000Z', '2030-03-30T12:00:00.000Z'],
      ['2030-03-30T13:00:00.000Z', '2030-03-30T23:00:00.000Z'],
    ]);
    await as(novaChair).session.cancel({ sessionId: nova.id });
    expect((await as(null).schedule.nowNext({ eventSlug: slug })).rooms[0]?.next).toBeNull();
  });

  it('lets exactly one of many concurrent bookings through the API win', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => as(i % 2 ? zuulChair : novaChair).session.book(booking('2030-03-31T09:00:00Z', '2030-03-31T10:00:00Z', { trackId: i % 2 ? ids.zuul : ids.nova }))),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const a of attempts) if (a.status === 'rejected') expect((a.reason as TRPCError).code).toBe('CONFLICT');
  });
});
