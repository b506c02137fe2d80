import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPadRepository, disconnectAll, getDb, type Db } from './index';

const databaseUrl = process.env['DATABASE_URL'];

describe('pad repository against PostgreSQL', () => {
  let db: Db;
  let eventId: string;
  let sessionId: string;
  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await db.event.deleteMany({ where: { slug: 'int-pads' } });
    const event = await db.event.create({ data: { slug: 'int-pads', name: 'Pads', startsOn: new Date('2030-01-01'), endsOn: new Date('2030-01-02'), timeZone: 'UTC', published: true } });
    eventId = event.id;
    const room = await db.room.create({ data: { slug: `int-pads-${randomUUID().slice(0, 8)}`, name: 'R', eventId } });
    const track = await db.track.create({ data: { eventId, slug: 'int-pads', name: 'T' } });
    sessionId = (await db.session.create({ data: { trackId: track.id, roomId: room.id, title: 'S', startsAt: new Date('2030-01-01T10:00:00Z'), endsAt: new Date('2030-01-01T11:00:00Z') } })).id;
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: 'int-pads' } });
    await disconnectAll();
  });

  it("keeps the first of concurrent claims of an event's Etherpad group, for everyone, and leaves the event's updated_at alone", async () => {
    const repo = createPadRepository(db);
    const before = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { updatedAt: true } });
    const candidates = Array.from({ length: 20 }, (_, i) => `g.Candidate${String(i).padStart(7, '0')}`);
    const results = await Promise.all(candidates.map((candidate) => repo.claimGroup(eventId, candidate)));
    expect(new Set(results).size).toBe(1);
    expect(candidates).toContain(results[0]);
    await expect(repo.claimGroup(eventId, 'g.LateComer000000')).resolves.toBe(results[0]);
    const after = await db.event.findUniqueOrThrow({ where: { id: eventId }, select: { updatedAt: true, padGroupId: true } });
    expect(after).toEqual({ updatedAt: before.updatedAt, padGroupId: results[0] });
  });

  it("lets one of concurrent claims add a session's section, frees a failed one, and takes over a stale one", async () => {
    const repo = createPadRepository(db);
    const claims = await Promise.all(Array.from({ length: 10 }, () => repo.claimSection(sessionId, 'g.x$room', 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await repo.releaseSection(sessionId);
    expect(await repo.claimSection(sessionId, 'g.x$room', 60_000)).toBe(true);
    // A claim whose process died: taken over once older than the limit, not before.
    expect(await repo.claimSection(sessionId, 'g.x$room', 60_000)).toBe(false);
    expect(await repo.claimSection(sessionId, 'g.x$room', 0)).toBe(true);
    await repo.completeSection(sessionId, 7);
    expect(await repo.claimSection(sessionId, 'g.x$room', 0)).toBe(false);
    expect(await repo.findSection(sessionId)).toEqual({ padId: 'g.x$room', revision: 7, addedAt: expect.any(Date) });
    // Completed sections are never freed.
    await repo.releaseSection(sessionId);
    expect((await repo.findSection(sessionId))?.revision).toBe(7);
  });
});
