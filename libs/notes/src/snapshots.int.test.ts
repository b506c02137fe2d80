import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personColour } from '@padmeet/contract';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database';
import { createAttendanceRepository, createSessionNotesRepository, disconnectAll, getDb, type Db } from '@padmeet/data';
import { createPadHistory, createPadService, type PadService } from '@padmeet/pad';
import { connectEtherpadSocket, type EtherpadSocket } from '@padmeet/pad/testing';
import { createLogger } from '@padmeet/util';
import { personKeyOf } from './policy';
import { createNotesRunner, type NotesRunner, type NotesRunnerOptions } from './runner';
import { EtherpadProcess, waitFor } from './testing/etherpad-process';

// Per-session snapshots against a real Etherpad (one of this file's own, so a test can stop it) and
// a database of this file's own on the test stack's PostgreSQL server (the stack's web server runs
// its own notes runner over the stack's database: it would claim these sessions' jobs, fail on this
// Etherpad's unknown groups and hold them back with its retries). Each test's runners are limited
// to its own event (`scope`).
const databaseUrl = process.env['DATABASE_URL'];
const tag = randomUUID().slice(0, 8);
const logger = createLogger({ name: 'notes-int', level: 'silent' });
const fastRetry = (attempts: number) => Math.min(2000, 250 * 2 ** attempts);

describe('session notes snapshots (durable jobs) against Etherpad and PostgreSQL', () => {
  let db: Db;
  let scratch: ScratchDatabase | undefined;
  let etherpad: EtherpadProcess;
  let pads: PadService;
  const sockets: EtherpadSocket[] = [];
  const runners: NotesRunner[] = [];
  const children: ChildProcess[] = [];
  let clients = 0;

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through the test stack (infra/scripts/test.sh)');
    scratch = await createScratchDatabase(databaseUrl, 'snap');
    db = getDb(scratch.url);
    etherpad = await EtherpadProcess.create(databaseUrl, 'notes');
    await etherpad.start();
    pads = createPadService({ apiUrls: [etherpad.url], apiKey: etherpad.apiKey });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(runners.map((runner) => runner.stop()));
    for (const socket of sockets) socket.close();
    await db?.event.deleteMany({ where: { slug: { startsWith: `int-notes-${tag}` } } });
    await etherpad?.dispose();
    await disconnectAll();
    await scratch?.dispose();
    await disconnectAll();
  });

  const repo = () => createSessionNotesRepository(db);
  const history = () => createPadHistory({ apiUrls: [etherpad.url], apiKey: etherpad.apiKey });

  /** An event with its Etherpad group, one room with its pad, one track. */
  async function room(label: string) {
    const event = await db.event.create({
      data: { slug: `int-notes-${tag}-${label}`, name: `Notes ${label}`, startsOn: new Date('2026-01-01'), endsOn: new Date('2027-12-31'), timeZone: 'UTC', published: true },
    });
    const groupId = await pads.createEventGroup(event.id);
    await db.event.update({ where: { id: event.id }, data: { padGroupId: groupId } });
    const row = await db.room.create({ data: { eventId: event.id, slug: `int-notes-${tag}-${label}`, name: `Room ${label}` } });
    const track = await db.track.create({ data: { eventId: event.id, slug: 'team', name: 'Team' } });
    const { padId } = await pads.ensureRoomPad({ groupId, roomSlug: row.slug }, `Room ${label}: meeting notes\n`);
    return { eventId: event.id, roomId: row.id, slug: row.slug, trackId: track.id, groupId, padId };
  }
  type Room = Awaited<ReturnType<typeof room>>;

  async function book(r: Room, startsInMs: number, durationMs: number) {
    const startsAt = new Date(Date.now() + startsInMs);
    const session = await db.session.create({ data: { trackId: r.trackId, roomId: r.roomId, title: 'Session', startsAt, endsAt: new Date(startsAt.getTime() + durationMs) } });
    return session;
  }

  /** A person typing in the room's pad through Etherpad's own protocol, as their padmeet author. */
  async function person(r: Room, subject: string, name: string): Promise<EtherpadSocket> {
    const authorId = await pads.ensureAuthor(personKeyOf(subject), name);
    const sessionId = await pads.createSession(r.groupId, authorId, new Date(Date.now() + 3600_000));
    clients += 1;
    const socket = await connectEtherpadSocket({ baseUrl: etherpad.url, padId: r.padId, sessionId, forwardedFor: `198.51.100.${clients}` });
    sockets.push(socket);
    return socket;
  }

  function runner(r: Room, options: Partial<NotesRunnerOptions> = {}): NotesRunner {
    const created = createNotesRunner({
      notes: repo(),
      attendance: createAttendanceRepository(db),
      history: history(),
      logger,
      intervalMs: 250,
      retryDelay: fastRetry,
      scope: { eventIds: [r.eventId] },
      ...options,
    });
    runners.push(created);
    return created;
  }

  const notesOf = (sessionId: string) => repo().findBySession(sessionId);

  it('keeps exactly the text written during the session as its change, with the pad at the end and its authors named and coloured', async () => {
    const r = await room('during');
    const ada = { subject: randomUUID(), name: 'Ada' };
    const grace = { subject: `guest:${randomUUID().replace(/-/g, '')}`, name: 'Grace' };
    const adaPad = await person(r, ada.subject, ada.name);
    const gracePad = await person(r, grace.subject, grace.name);
    await adaPad.append('Prepared before the session\n');
    const session = await book(r, 2_000, 10_000);
    runner(r).start();

    const started = await waitFor('the start revision', async () => (await notesOf(session.id))?.startRev != null && notesOf(session.id), 30_000);
    expect(started).toMatchObject({ status: 'pending', padId: r.padId });
    const attendance = createAttendanceRepository(db);
    await attendance.recordJoin({ id: randomUUID(), roomSlug: r.slug, subject: ada.subject, displayName: ada.name, at: new Date() });
    await attendance.recordJoin({ id: randomUUID(), roomSlug: r.slug, subject: grace.subject, displayName: grace.name, at: new Date() });
    await adaPad.append('Decision: ship v5\n');
    await gracePad.append('Action: Grace writes the release notes\n');
    await gracePad.waitForRev(adaPad.rev);
    expect(Date.now(), 'the edits must fall inside the session for this test to mean anything').toBeLessThan(session.endsAt.getTime());

    const taken = await waitFor('the end snapshot', async () => {
      const notes = await notesOf(session.id);
      return notes?.status === 'taken' && notes;
    }, 60_000);
    const endText = await pads.getText(r.padId);
    expect(taken.changeText).toBe('Decision: ship v5\nAction: Grace writes the release notes\n');
    expect(taken.text).toBe(endText);
    expect(taken.text).toContain('Prepared before the session\nDecision: ship v5\n');
    expect(taken.html).toContain('Decision: ship v5');
    expect(taken.changeHtml).toContain('Action: Grace writes the release notes');
    expect(taken.changeHtml).not.toContain('Prepared before the session</span>');
    expect(taken.endRev).toBe(await pads.getRevisionsCount(r.padId));
    expect(taken.startRev).toBeLessThan(taken.endRev!);
    expect(taken.takenAt!.getTime()).toBeGreaterThanOrEqual(session.endsAt.getTime());
    expect(taken.authors).toEqual([
      { authorId: adaPad.authorId, name: 'Ada', colour: personColour(ada.subject), subject: ada.subject },
      { authorId: gracePad.authorId, name: 'Grace', colour: personColour(grace.subject), subject: grace.subject },
    ]);
  });

  it('takes the snapshot of a session that ended while Etherpad was down once Etherpad is back', async () => {
    const r = await room('down');
    const ada = await person(r, randomUUID(), 'Ada');
    const session = await book(r, 1_500, 6_000);
    runner(r).start();
    await waitFor('the start revision', async () => (await notesOf(session.id))?.startRev != null, 30_000);
    await ada.append('Written before Etherpad went down\n');
    await etherpad.stop();

    const failed = await waitFor('a failed try after the end', async () => {
      const notes = await notesOf(session.id);
      return notes?.status === 'pending' && notes.lastError !== null && Date.now() > session.endsAt.getTime() && notes;
    }, 60_000);
    // Ours says Etherpad is unreachable; a stack's web runner that claimed it first says it does not know the group.
    expect(failed.lastError).toMatch(/not reachable|did not answer|does not know/);
    expect(failed.text).toBeNull();

    await etherpad.start();
    const taken = await waitFor('the snapshot after Etherpad came back', async () => {
      const notes = await notesOf(session.id);
      return notes?.status === 'taken' && notes;
    }, 90_000);
    expect(taken.changeText).toBe('Written before Etherpad went down\n');
    expect(taken.lastError).toBeNull();
    expect(taken.attempts).toBeGreaterThanOrEqual(3);
  });

  it('takes the snapshot after a restart when the runner process is killed in the middle of it at the session end', async () => {
    const r = await room('killed');
    const ada = await person(r, randomUUID(), 'Ada');
    const session = await book(r, 1_500, 5_000);
    const childId = `child-${tag}`;
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'testing/runner-child.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: scratch!.url,
        ETHERPAD_URL: etherpad.url,
        ETHERPAD_API_KEY: etherpad.apiKey,
        NOTES_EVENT_ID: r.eventId,
        NOTES_RUNNER_ID: childId,
        NOTES_LEASE_MS: '3000',
        NOTES_CHILD_HANG_AT_END: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));

    await waitFor('the start revision (by the child runner)', async () => (await notesOf(session.id))?.startRev != null, 60_000);
    await ada.append('Decided while the runner was about to die\n');
    // The child claims the end job at the end and hangs inside it, holding the claim.
    const held = await waitFor('the child to hold the end job', async () => {
      const row = await db.sessionNotes.findUnique({ where: { sessionId: session.id }, select: { lockedBy: true, status: true } });
      return Date.now() > session.endsAt.getTime() && row?.lockedBy === childId && row;
    }, 60_000, 50);
    expect(held.status).toBe('pending');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The web process comes back: a new runner takes the job over once the dead one's lease has passed.
    runner(r).start();
    const taken = await waitFor('the snapshot after the restart', async () => {
      const notes = await notesOf(session.id);
      return notes?.status === 'taken' && notes;
    }, 60_000);
    expect(taken.changeText).toBe('Decided while the runner was about to die\n');
    expect(taken.attempts).toBeGreaterThanOrEqual(2);
  });

  it('takes each job once when two runners sweep at the same time', async () => {
    const r = await room('twice');
    const ada = await person(r, randomUUID(), 'Ada');
    await ada.append('Earlier notes\n');
    // Twelve sessions of the room that have all ended (within the runner's horizon).
    const hour = 3600_000;
    const sessions: Array<{ id: string }> = [];
    for (let i = 0; i < 12; i += 1) sessions.push(await book(r, -4 * hour + i * 15 * 60_000, 15 * 60_000));
    const outcomes = new Map<string, string[]>();
    const record = (name: string) => (sessionId: string, outcome: string) => outcomes.set(sessionId, [...(outcomes.get(sessionId) ?? []), `${name}:${outcome}`]);
    const first = runner(r, { onJob: record('first'), batch: 2, concurrency: 2 });
    const second = runner(r, { onJob: record('second'), batch: 2, concurrency: 2 });
    await waitFor('every snapshot', async () => {
      await Promise.all([first.sweep(), second.sweep()]);
      const rows = await db.sessionNotes.findMany({ where: { sessionId: { in: sessions.map((s) => s.id) } }, select: { status: true } });
      return rows.length === sessions.length && rows.every((row) => row.status === 'taken');
    }, 60_000, 50);
    for (const session of sessions) {
      const taken = (outcomes.get(session.id) ?? []).filter((outcome) => !outcome.endsWith(':failed'));
      expect(taken, `session ${session.id}`).toHaveLength(1);
      expect(taken[0]).toMatch(/^(first|second):start\+end$/);
    }
    const takers = new Set([...outcomes.values()].flat().map((outcome) => outcome.split(':')[0]));
    expect(takers.size, 'both runners took part').toBe(2);
  });
  it('follows the schedule: a session moved later is not started early, and one extended after its snapshot is taken again at its new end', async () => {
    const r = await room('moved');
    const ada = await person(r, randomUUID(), 'Ada');
    const r2 = runner(r);
    // Moved an hour later before it started: nothing is due at the old start.
    const moved = await book(r, 1_000, 2_000);
    const oldEnd = moved.endsAt.getTime();
    await db.session.update({ where: { id: moved.id }, data: { startsAt: new Date(moved.startsAt.getTime() + 3600_000), endsAt: new Date(oldEnd + 3600_000) } });
    await waitFor('the old end to pass', () => Date.now() > oldEnd + 200, 30_000, 50);
    await r2.sweep();
    expect(await notesOf(moved.id)).toBeNull();

    // Taken at its end, then extended (the chair gives it a few more seconds): taken again at the new end.
    const extended = await book(r, 500, 2_500);
    await waitFor('the start revision', async () => {
      await r2.sweep();
      return (await notesOf(extended.id))?.startRev != null;
    }, 30_000, 100);
    await ada.append('Said before the first end\n');
    const first = await waitFor('the first end snapshot', async () => {
      await r2.sweep();
      const notes = await notesOf(extended.id);
      return notes?.status === 'taken' && notes;
    }, 30_000, 100);
    expect(first.changeText).toBe('Said before the first end\n');
    const newEnd = new Date(Date.now() + 3_000);
    await db.session.update({ where: { id: extended.id }, data: { endsAt: newEnd } });
    await ada.append('Said in the extra time\n');
    const second = await waitFor('the snapshot at the new end', async () => {
      await r2.sweep();
      const notes = await notesOf(extended.id);
      return notes?.sessionEndedAt?.getTime() === newEnd.getTime() && notes;
    }, 30_000, 100);
    expect(second.status).toBe('taken');
    expect(second.changeText).toBe('Said before the first end\nSaid in the extra time\n');
    expect(second.endRev).toBeGreaterThan(first.endRev!);
  });
});
