import { randomUUID } from 'node:crypto';
import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Viewer } from '@padmeet/contract';
import { createNotesArchiveRepository, disconnectAll, getDb, type Db } from '@padmeet/data';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { HIT_END, HIT_START } from '../services/notes-export';
import { createRoomRateLimits } from '../services/room-limits';
import { errorOf, fieldOf, insertViewers, scheduleDepsOver, viewersNamed } from '../testing/harness';

const messageOf = (error: TRPCError) => (error.cause instanceof ZodError ? error.cause.issues[0]?.message : error.message);

// The notes archive over PostgreSQL: snapshot rows as the snapshot jobs write them (session_notes,
// inserted here directly: this file tests reading, searching and exporting them), attendance rows as
// the SFU's joins write them, the room's chat, and the full-text search column and index of
// migration 20261130184000_notes_search.
const databaseUrl = process.env['DATABASE_URL'];
const PREFIX = 'int-arch-';
const suffix = randomUUID().slice(0, 8);
const account = viewersNamed(PREFIX, suffix);
const organiser = account('org', 'organiser');
const chair = account('chair', 'participant');
const participant = account('participant', 'participant');
const admin = account('admin', 'admin');
const slugOf = (name: string) => `${PREFIX}${name}-${suffix}`;

const day = '2030-05-01';
const at = (clock: string) => new Date(`${day}T${clock}:00Z`);
const now = at('16:30').getTime();

interface SessionSpec {
  title: string;
  start: string;
  end: string;
  /** Snapshot: the change written during the session, or pending (no row / pending row). */
  change?: string | 'pending-row';
}

describe('the notes archive: pages, search, export and who sees what, against PostgreSQL', () => {
  let db: Db;
  let deps: ApiDeps;
  const ids: Record<string, string> = {};
  const as = (viewer: Viewer | null) => createServerCaller(deps, { viewer });

  async function makeEvent(name: string, state: { published: boolean; membersOnly: boolean }, sessions: Record<string, SessionSpec>) {
    const event = await db.event.create({ data: { slug: slugOf(name), name: `Archive ${name}`, startsOn: new Date(day), endsOn: new Date(day), timeZone: 'Europe/Berlin', ...state } });
    await db.eventOrganiser.create({ data: { eventId: event.id, userId: organiser.userId } });
    const room = await db.room.create({ data: { slug: slugOf(`${name}-room`), name: `Room ${name}`, eventId: event.id } });
    const track = await db.track.create({ data: { eventId: event.id, slug: 'zuul', name: 'Zuul', color: '#2f6f4f' } });
    const other = await db.track.create({ data: { eventId: event.id, slug: 'nova', name: 'Nova', color: '#8e44ad' } });
    await db.trackChair.create({ data: { trackId: track.id, userId: chair.userId } });
    ids[`${name}:event`] = event.id;
    ids[`${name}:room`] = room.id;
    for (const [key, spec] of Object.entries(sessions)) {
      const session = await db.session.create({
        data: { trackId: key.startsWith('nova') ? other.id : track.id, roomId: room.id, title: spec.title, agenda: '', startsAt: at(spec.start), endsAt: at(spec.end) },
      });
      ids[`${name}:${key}`] = session.id;
      if (spec.change === 'pending-row') {
        await db.$executeRaw`INSERT INTO session_notes (session_id, status) VALUES (${session.id}::uuid, 'pending')`;
      } else if (spec.change !== undefined) {
        const authors = JSON.stringify([
          { authorId: 'a.1', name: 'Ada', colour: '#1f6fb2', subject: 'x' },
          { authorId: 'a.2', name: 'Bob', colour: '#b5462a', subject: null },
        ]);
        await db.$executeRaw`
          INSERT INTO session_notes (session_id, status, start_rev, end_rev, text, html, change_text, change_html, authors, taken_at)
          VALUES (${session.id}::uuid, 'taken', 1, 9, ${`Pad of ${name}\n${spec.change}`}, '<p>x</p>', ${spec.change}, '<p>x</p>', ${authors}::jsonb, ${at(spec.end)})`;
      }
    }
    return { eventId: event.id, roomId: room.id };
  }

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    db = getDb(databaseUrl);
    await insertViewers(db, [organiser, chair, participant, admin]);
    deps = { ...scheduleDepsOver(db, () => now), notesArchive: createNotesArchiveRepository(db) };
    const open = await makeEvent(
      'open',
      { published: true, membersOnly: false },
      {
        release: { title: 'Zuul release', start: '09:00', end: '10:00', change: '- We released v5 and will release v6 soon. Release notes by Ada: if a < b && c > d <script>alert(1)</script>\n- release checklist reviewed\n' },
        zeppelin: { title: 'Zuul zeppelins', start: '10:00', end: '11:00', change: `- Plan the zeppelin fleet\n- one release mention\n- markers ${HIT_START}not${HIT_END} ours` },
        nova: { title: 'Nova shipping', start: '11:00', end: '12:00', change: '- We shipped the Übersetzung of the docs\n' },
        pending: { title: 'Zuul pending', start: '12:00', end: '13:00' },
        pendingRow: { title: 'Zuul pending row', start: '13:00', end: '14:00', change: 'pending-row' },
        later: { title: 'Zuul later (zeppelin)', start: '17:00', end: '18:00', change: '- zeppelin in a session that has not ended' },
      },
    );
    await makeEvent('members', { published: true, membersOnly: true }, { secret: { title: 'Members zeppelin', start: '09:00', end: '10:00', change: '- the zeppelin secret plans' } });
    await makeEvent('draft', { published: false, membersOnly: false }, { draft: { title: 'Draft', start: '09:00', end: '10:00', change: '- draft zeppelin' } });
    // Two connections of one person (a reconnect), one of another, and one before the session only.
    const attend = (subject: string, name: string, joined: string, left: string | null) =>
      db.$executeRaw`INSERT INTO attendance (id, room_id, subject, display_name, joined_at, left_at) VALUES (${randomUUID()}::uuid, ${open.roomId}::uuid, ${subject}, ${name}, ${at(joined)}, ${left ? at(left) : null})`;
    await attend('guest:aaa', 'Ada Lovelace', '09:02', '09:20');
    await attend('guest:aaa', 'Ada L.', '09:25', '09:58');
    await attend(participant.userId, 'Pat Participant', '09:10', null);
    await attend('guest:bbb', 'Early Eve', '08:00', '08:59');
    await db.$executeRaw`INSERT INTO chat_message (room_id, session_id, subject, name, body, sent_at) VALUES (${open.roomId}::uuid, ${ids['open:release']}::uuid, 'guest:aaa', 'Ada Lovelace', 'link <b>here</b>', ${at('09:30')})`;
  });

  afterAll(async () => {
    await db.event.deleteMany({ where: { slug: { startsWith: PREFIX } } });
    await db.user.deleteMany({ where: { username: { startsWith: PREFIX } } });
    await disconnectAll();
  });

  it("lists the event's ended sessions, newest first, taken or pending, never one not yet over", async () => {
    const archive = await as(null).notes.archive({ eventSlug: slugOf('open') });
    expect(archive.sessions.map((s) => [s.title, s.notes.status])).toEqual([
      ['Zuul pending row', 'pending'],
      ['Zuul pending', 'pending'],
      ['Nova shipping', 'taken'],
      ['Zuul zeppelins', 'taken'],
      ['Zuul release', 'taken'],
    ]);
    const release = archive.sessions.find((s) => s.title === 'Zuul release')!;
    expect(release).toMatchObject({ room: { slug: slugOf('open-room') }, track: { slug: 'zuul', name: 'Zuul' }, chairs: [chair.displayName] });
    expect(release.notes).toMatchObject({ status: 'taken', authors: [{ name: 'Ada', color: '#1f6fb2' }, { name: 'Bob', color: '#b5462a' }] });
    // One track's page and one room's page.
    expect((await as(null).notes.archive({ eventSlug: slugOf('open'), track: 'nova' })).sessions.map((s) => s.title)).toEqual(['Nova shipping']);
    expect((await as(null).notes.archive({ eventSlug: slugOf('open'), room: slugOf('open-room') })).scope).toEqual({ kind: 'room', slug: slugOf('open-room'), name: 'Room open' });
    const unknown = await errorOf(as(null).notes.archive({ eventSlug: slugOf('open'), track: 'cinder' }));
    expect([unknown.code, unknown.message]).toEqual(['NOT_FOUND', 'Archive open has no track "cinder".']);
  });

  it('finds a word written in one session and not in the others (nor in sessions not yet over, nor in other events)', async () => {
    const result = await as(participant).notes.search({ eventSlug: slugOf('open'), query: 'zeppelin' });
    expect(result.hits.map((h) => h.session.title)).toEqual(['Zuul zeppelins']);
    expect(result.hits[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['zeppelin']);
    expect((await as(participant).notes.search({ eventSlug: slugOf('open'), query: 'nonexistentword' })).hits).toEqual([]);
  });

  it('ranks the session where the word matters most first, highlights every form of it, and keeps HTML as text', async () => {
    const result = await as(null).notes.search({ eventSlug: slugOf('open'), query: 'release' });
    expect(result.hits.map((h) => h.session.title)).toEqual(['Zuul release', 'Zuul zeppelins']);
    expect(result.hits[0]!.rank).toBeGreaterThan(result.hits[1]!.rank);
    const [best, other] = result.hits;
    // English stemming: "released" and "Release" are the word "release" too.
    expect(best!.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toEqual(expect.arrayContaining(['released', 'release']));
    // Plain text, as written: the page renders it escaped. (ts_headline leaves out what its parser takes for HTML tags.)
    const text = best!.snippet.map((s) => s.text).join('');
    expect(text).toContain('if a < b && c > d');
    expect(text).not.toContain('<script>');
    expect(best!.snippet.some((s) => s.hit && s.text.includes('<'))).toBe(false);
    // Markers written in the pad itself are removed before highlighting: they never make a hit.
    expect(other!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['release']);
    expect(other!.snippet.map((s) => s.text).join('')).not.toMatch(/[\uE000\uE001]/);
  });

  it('finds English words by their stem and other languages by the word as written', async () => {
    expect((await as(null).notes.search({ eventSlug: slugOf('open'), query: 'shipping' })).hits.map((h) => h.session.title)).toEqual(['Nova shipping']);
    expect((await as(null).notes.search({ eventSlug: slugOf('open'), query: 'übersetzung' })).hits.map((h) => h.session.title)).toEqual(['Nova shipping']);
    expect((await as(null).notes.search({ eventSlug: slugOf('open'), query: '"zeppelin fleet"' })).hits.map((h) => h.session.title)).toEqual(['Zuul zeppelins']);
    expect((await as(null).notes.search({ eventSlug: slugOf('open'), query: 'zeppelin -fleet' })).hits).toEqual([]);
  });

  it("refuses bad searches with a clear message", async () => {
    const short = await errorOf(as(null).notes.search({ eventSlug: slugOf('open'), query: ' z ' }));
    expect([short.code, fieldOf(short), messageOf(short)]).toEqual(['BAD_REQUEST', 'query', 'Search for at least 2 characters']);
    const long = await errorOf(as(null).notes.search({ eventSlug: slugOf('open'), query: 'x'.repeat(201) }));
    expect([long.code, messageOf(long)]).toEqual(['BAD_REQUEST', 'Searches are at most 200 characters']);
    expect((await as(null).notes.search({ eventSlug: slugOf('open'), query: '!! ??' })).hits).toEqual([]);
  });

  it("keeps a members-only event's notes from guests (archive, session, search, export) and lets accounts read them", async () => {
    const eventSlug = slugOf('members');
    const sessionId = ids['members:secret']!;
    for (const call of [
      () => as(null).notes.archive({ eventSlug }),
      () => as(null).notes.session({ eventSlug, sessionId }),
      () => as(null).notes.search({ eventSlug, query: 'zeppelin' }),
      () => as(null).notes.export({ eventSlug }),
      () => as(null).notes.export({ eventSlug, sessionId }),
    ]) {
      const error = await errorOf(call());
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'The notes of this event are for members only: please sign in.']);
    }
    expect((await as(participant).notes.search({ eventSlug, query: 'zeppelin' })).hits.map((h) => h.session.title)).toEqual(['Members zeppelin']);
    expect((await as(participant).notes.session({ eventSlug, sessionId })).session.notes).toMatchObject({ status: 'taken', changeText: '- the zeppelin secret plans' });
  });

  it("keeps a draft's notes to its organisers: NOT_FOUND for everyone else", async () => {
    for (const viewer of [null, participant, chair]) expect((await errorOf(as(viewer).notes.archive({ eventSlug: slugOf('draft') }))).code).toBe('NOT_FOUND');
    expect((await as(organiser).notes.archive({ eventSlug: slugOf('draft') })).sessions).toHaveLength(1);
  });

  it("shows attendance to the track's chairs, the event's organisers and admins, never to the public or other participants", async () => {
    const input = { eventSlug: slugOf('open'), sessionId: ids['open:release']! };
    for (const viewer of [null, participant]) {
      const view = await as(viewer).notes.session(input);
      expect(view.attendance).toBeNull();
      expect(view.chat).toEqual([{ name: 'Ada Lovelace', body: 'link <b>here</b>', sentAt: at('09:30') }]);
      expect(view.text).toContain('Pad of open');
      const exported = await as(viewer).notes.export(input);
      expect(exported.sessions[0]!.attendees).toBeNull();
    }
    for (const viewer of [chair, organiser, admin]) {
      const view = await as(viewer).notes.session(input);
      expect(view.attendance).toEqual([
        { name: 'Ada L.', joinedAt: at('09:02'), leftAt: at('09:58') },
        { name: 'Pat Participant', joinedAt: at('09:10'), leftAt: null },
      ]);
    }
    expect((await as(chair).notes.export(input)).sessions[0]!.attendees).toEqual(['Ada L.', 'Pat Participant']);
  });

  it("exports the whole event, oldest first; an organiser's export is recorded on the event's rooms", async () => {
    const roomExportedAt = async () => (await db.$queryRaw<{ at: Date | null }[]>`SELECT notes_exported_at AS at FROM room WHERE id = ${ids['open:room']}::uuid`)[0]!.at;
    const byGuest = await as(null).notes.export({ eventSlug: slugOf('open') });
    expect(byGuest.sessions.map((s) => s.title)).toEqual(['Zuul release', 'Zuul zeppelins', 'Nova shipping', 'Zuul pending', 'Zuul pending row']);
    expect(byGuest.sessions.every((s) => s.attendees === null)).toBe(true);
    expect(await roomExportedAt()).toBeNull();
    const byOrganiser = await as(organiser).notes.export({ eventSlug: slugOf('open') });
    expect(byOrganiser.sessions[0]!.attendees).toEqual(['Ada L.', 'Pat Participant']);
    expect(await roomExportedAt()).toEqual(new Date(now));
  });

  it('answers NOT_FOUND for a session of another event or one not yet over', async () => {
    for (const sessionId of [ids['members:secret']!, ids['open:later']!, randomUUID()]) {
      const error = await errorOf(as(organiser).notes.session({ eventSlug: slugOf('open'), sessionId }));
      expect(error.code).toBe('NOT_FOUND');
    }
  });

  it('limits searches and downloads per client address, saying when to try again; another address is not held back', async () => {
    const limits = { searchNotes: { limit: 2, windowMs: 60_000 }, exportNotes: { limit: 1, windowMs: 60_000 } };
    const limited: ApiDeps = { ...deps, roomLimits: createRoomRateLimits({ now: () => now, limits }) };
    const from = (address: string) => createServerCaller(limited, { viewer: null, headers: new Headers({ 'x-forwarded-for': address }) });
    const eventSlug = slugOf('open');
    for (let i = 0; i < 2; i++) await from('203.0.113.7').notes.search({ eventSlug, query: 'release' });
    const searches = await errorOf(from('203.0.113.7').notes.search({ eventSlug, query: 'release' }));
    expect([searches.code, searches.message]).toEqual(['TOO_MANY_REQUESTS', 'Too many requests to search notes from your network; try again in 60 seconds.']);
    expect((await from('198.51.100.9').notes.search({ eventSlug, query: 'release' })).hits.length).toBeGreaterThan(0);

    await from('203.0.113.7').notes.export({ eventSlug });
    const downloads = await errorOf(from('203.0.113.7').notes.export({ eventSlug }));
    expect([downloads.code, downloads.message]).toEqual(['TOO_MANY_REQUESTS', 'Too many requests to download notes from your network; try again in 60 seconds.']);
  });
});
