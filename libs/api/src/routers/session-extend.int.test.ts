import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { errorOf, fieldOf, insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

const databaseUrl = process.env['DATABASE_URL'];
const suffix = randomUUID().slice(0, 8);
const prefix = 'int-extend-';
const viewer = viewersNamed(prefix, suffix);
const organiser = viewer('org', 'organiser');
const chair = viewer('chair', 'chair');
const otherChair = viewer('other', 'chair');
const slug = `${prefix}${suffix}`;
const at = (iso: string) => new Date(iso);

/** session.extend against the real PostgreSQL (its exclusion constraint), with the server's clock at 09:40 UTC. */
describe('session.extend', () => {
  let db: Db;
  let deps: ApiDeps;
  const now = at('2030-04-01T09:40:00Z').getTime();
  const as = (who: typeof organiser) => createServerCaller(deps, { viewer: who });
  let roomId = '';
  let trackId = '';

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [organiser, chair, otherChair]);
    deps = scheduleDepsOver(db, () => now);
    const event = await as(organiser).event.create({ slug, name: 'Extend', startsOn: '2030-04-01', endsOn: '2030-04-01', timeZone: 'Europe/Berlin' });
    roomId = (await as(organiser).event.createRoom({ eventId: event.id, slug: `${slug}-r`, name: 'Room', capacity: null })).id;
    trackId = (await as(organiser).track.create({ eventId: event.id, slug: 'zuul', name: 'Zuul', color: '#2f6f4f' })).id;
    await as(organiser).track.addChair({ trackId, username: chair.username });
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: prefix } } });
    await db.user.deleteMany({ where: { username: { startsWith: prefix } } });
    await disconnectAll();
  });

  it("lets the track's chair extend by 15 minutes into free time, refuses the step into the next session naming it, and refuses others", async () => {
    const running = await as(organiser).session.book({ trackId, roomId, title: 'Zuul v5', agenda: '', start: at('2030-04-01T09:00:00Z'), end: at('2030-04-01T10:00:00Z') });
    await as(organiser).session.book({ trackId, roomId, title: 'Nova placement', agenda: '', start: at('2030-04-01T10:30:00Z'), end: at('2030-04-01T11:00:00Z') });

    const extended = await as(chair).session.extend({ sessionId: running.id, from: running.endsAt });
    expect(extended.endsAt).toEqual(at('2030-04-01T10:15:00Z'));
    expect(extended.sequence).toBe(running.sequence + 1);

    // Another chair's click made from the old end: refused, not added up.
    const stale = await errorOf(as(chair).session.extend({ sessionId: running.id, from: running.endsAt }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('now ends at 12:15, Europe/Berlin');

    // 10:15 → 10:30 still fits; 10:30 → 10:45 runs into "Nova placement" (12:30 in Berlin).
    const again = await as(organiser).session.extend({ sessionId: running.id, from: extended.endsAt });
    expect(again.endsAt).toEqual(at('2030-04-01T10:30:00Z'));
    const refused = await errorOf(as(chair).session.extend({ sessionId: running.id, from: again.endsAt }));
    expect(refused.code).toBe('CONFLICT');
    expect(fieldOf(refused)).toBe('end');
    expect(refused.message).toBe('The next session here, "Nova placement", starts at 12:30 (Europe/Berlin); this session cannot run into it.');
    expect((await db.session.findUniqueOrThrow({ where: { id: running.id } })).endsAt).toEqual(at('2030-04-01T10:30:00Z'));

    // A chair of another track, and a guest, cannot.
    expect((await errorOf(as(otherChair).session.extend({ sessionId: running.id, from: again.endsAt }))).code).toBe('FORBIDDEN');
    expect((await errorOf(createServerCaller(deps, { viewer: null }).session.extend({ sessionId: running.id, from: again.endsAt }))).code).toBe('UNAUTHORIZED');
  });

  it('refuses a session that has ended, and bad steps, changing nothing', async () => {
    const early = await as(organiser).session.book({ trackId, roomId, title: 'Early', agenda: '', start: at('2030-04-01T07:00:00Z'), end: at('2030-04-01T08:00:00Z') });
    const ended = await errorOf(as(chair).session.extend({ sessionId: early.id, from: early.endsAt }));
    expect(ended.code).toBe('CONFLICT');
    expect(ended.message).toBe('"Early" has already ended.');
    expect((await errorOf(as(chair).session.extend({ sessionId: early.id, from: early.endsAt, steps: 0 }))).code).toBe('BAD_REQUEST');
    expect((await db.session.findUniqueOrThrow({ where: { id: early.id } })).endsAt).toEqual(early.endsAt);
  });

  it('keeps what a begun session\'s archive hangs on: no cancelling or moving it, its title still editable; a later one cancels', async () => {
    const past = await as(organiser).session.book({ trackId, roomId, title: 'Past', agenda: '', start: at('2030-04-01T06:00:00Z'), end: at('2030-04-01T06:30:00Z') });
    const running = (await db.session.findFirstOrThrow({ where: { roomId, title: 'Zuul v5' } })).id;
    const cancelPast = await errorOf(as(chair).session.cancel({ sessionId: past.id }));
    expect([cancelPast.code, cancelPast.message]).toEqual(['CONFLICT', '"Past" has already taken place and its notes, chat and attendance stay in the archive: it cannot be cancelled.']);
    expect((await errorOf(as(organiser).session.cancel({ sessionId: running }))).message).toContain('is running');
    const moved = await errorOf(as(chair).session.update({ sessionId: running, start: at('2030-04-01T09:15:00Z') }));
    expect([moved.code, fieldOf(moved)]).toEqual(['CONFLICT', 'start']);
    const endMoved = await errorOf(as(chair).session.update({ sessionId: past.id, start: past.startsAt, end: at('2030-04-01T06:45:00Z') }));
    expect([endMoved.code, fieldOf(endMoved), endMoved.message]).toEqual(['CONFLICT', 'end', '"Past" has already ended: its end cannot change.']);
    // The form sends every field: unchanged room and times are no change.
    const renamed = await as(chair).session.update({ sessionId: past.id, roomId, start: past.startsAt, end: past.endsAt, title: 'Past (renamed)' });
    expect(renamed.title).toBe('Past (renamed)');
    expect(await db.session.count({ where: { id: { in: [past.id, running] } } })).toBe(2);

    const later = await as(organiser).session.book({ trackId, roomId, title: 'Later', agenda: '', start: at('2030-04-01T13:00:00Z'), end: at('2030-04-01T13:30:00Z') });
    await as(chair).session.cancel({ sessionId: later.id });
    expect(await db.session.count({ where: { id: later.id } })).toBe(0);
  });
});
