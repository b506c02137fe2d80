import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPadRepository, disconnectAll, getDb, type Db } from '@padmeet/data';
import { createPadService } from '@padmeet/pad';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { scheduleDepsOver } from '../testing/harness';

// Opening a room's notes against the real Etherpad processes and PostgreSQL of the test stack,
// as several padmeet web processes would at a session's start.
const databaseUrl = process.env['DATABASE_URL'];
const etherpadUrl = process.env['ETHERPAD_URL'];
const apiKey = process.env['ETHERPAD_API_KEY'];
const tag = randomUUID().slice(0, 8);
const startsAt = new Date('2030-04-01T09:00:00Z');

describe("a session's section in the room's pad, against Etherpad and PostgreSQL", () => {
  let db: Db;
  let sessionId: string;
  /** A separate set of dependencies per "web process": nothing shared in memory. */
  const processDeps = (): ApiDeps => ({
    ...scheduleDepsOver(db, () => startsAt.getTime() + 60_000),
    pads: createPadService({ apiUrls: etherpadUrl!.split(','), apiKey: apiKey! }),
    padRecords: createPadRepository(db),
  });

  beforeAll(async () => {
    if (!databaseUrl || !etherpadUrl || !apiKey) throw new Error('DATABASE_URL, ETHERPAD_URL and ETHERPAD_API_KEY are not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    const event = await db.event.create({ data: { slug: `int-notes-${tag}`, name: 'Notes PTG', startsOn: new Date('2030-04-01'), endsOn: new Date('2030-04-02'), timeZone: 'Europe/Berlin', published: true } });
    const room = await db.room.create({ data: { slug: `int-notes-${tag}`, name: 'Zuul room', eventId: event.id } });
    const track = await db.track.create({ data: { eventId: event.id, slug: 'zuul', name: 'Zuul' } });
    const chair = await db.user.create({ data: { username: `int-notes-${tag}`, displayName: 'Clark', passwordHash: 'scrypt$test' } });
    await db.trackChair.create({ data: { trackId: track.id, userId: chair.id } });
    const session = await db.session.create({
      data: { trackId: track.id, roomId: room.id, title: 'Zuul v5 release', agenda: '1. Release plan\n2. Nodepool', startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) },
    });
    sessionId = session.id;
  });
  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: `int-notes-${tag}` } });
    await db.user.deleteMany({ where: { username: `int-notes-${tag}` } });
    await disconnectAll();
  });

  it('is appended exactly once however many processes open the room at once, after the text already there, with its revision recorded', async () => {
    const opened = await Promise.all(
      ['Ada', 'Grace', 'Lin', 'Mo', 'Kim', 'Ari'].map((name) => createServerCaller(processDeps(), { responseHeaders: new Headers() }).room.openNotes({ slug: `int-notes-${tag}`, displayName: name })),
    );
    const padIds = new Set(opened.map(({ notes }) => (notes.status === 'ready' ? notes.padId : notes.message)));
    expect([...padIds], JSON.stringify(opened.map((o) => o.notes))).toHaveLength(1);
    const [padId] = [...padIds];
    const pads = createPadService({ apiUrls: etherpadUrl!.split(','), apiKey: apiKey! });
    const text = await pads.getText(padId!);
    expect(text.startsWith('Zuul room (Notes PTG): meeting notes\n')).toBe(true);
    expect(text.match(/== Zuul v5 release \[Zuul\] ==/g)).toHaveLength(1);
    expect(text).toContain('When: Mon, 1 Apr 2030, 11:00–12:00 (Europe/Berlin)\nChairs: Clark\n\nAgenda:\n1. Release plan\n2. Nodepool\n');
    const record = await createPadRepository(db).findSection(sessionId);
    expect(record).toEqual({ padId, revision: await pads.getRevisionsCount(padId!), addedAt: expect.any(Date) });

    // Later openings of the room add nothing.
    await createServerCaller(processDeps()).room.openNotes({ slug: `int-notes-${tag}`, displayName: 'Late' });
    expect((await pads.getText(padId!)).match(/== Zuul v5 release/g)).toHaveLength(1);
  });
});
