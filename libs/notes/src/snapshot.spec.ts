import type { AttendanceRepository, EndSnapshot, SessionNotesRepository, SnapshotJob, StartSnapshot } from '@padmeet/data';
import type { PadHistory } from '@padmeet/pad';
import { createLogger } from '@padmeet/util';
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from './snapshot';

const logger = createLogger({ name: 'snapshot-spec', level: 'silent' });
const GROUP = 'g.AAAAAAAAAAAAAAAA';
const PAD = `${GROUP}$zuul`;

function job(over: Partial<SnapshotJob> = {}): SnapshotJob {
  return {
    sessionId: 's1',
    roomId: 'r1',
    roomSlug: 'zuul',
    eventId: 'e1',
    padGroupId: GROUP,
    startsAt: new Date('2026-11-30T10:00:00Z'),
    endsAt: new Date('2026-11-30T11:00:00Z'),
    startTaken: false,
    startRev: null,
    padId: null,
    sectionRevision: null,
    endDue: false,
    attempts: 1,
    ...over,
  };
}

/** A pad whose revision n has the lines of `revisions[n]`. */
function fakeHistory(revisions: string[] | null, groupKnown = true): PadHistory {
  const text = (rev: number) => `${revisions![rev]}\n`;
  return {
    async revisionsCount() {
      return revisions ? revisions.length - 1 : null;
    },
    async textAt(_pad, rev) {
      return text(rev);
    },
    async htmlAt(_pad, rev) {
      return `<html>${text(rev)}</html>`;
    },
    async diffHtml(_pad, from, to) {
      return `<style>\n.authora_x1 {background-color: #aabbcc}\n</style><span class="authora_x1">${from}-${to}</span>`;
    },
    async authorName() {
      return 'Ada';
    },
    async authorOf() {
      return 'a.x1';
    },
    async groupExists() {
      return groupKnown;
    },
  };
}

function fakeNotes() {
  const calls: { starts: StartSnapshot[]; ends: EndSnapshot[]; released: number } = { starts: [], ends: [], released: 0 };
  const notes = {
    async recordStart(_id: string, _runner: string, start: StartSnapshot) {
      calls.starts.push(start);
      return true;
    },
    async recordEnd(_id: string, _runner: string, end: EndSnapshot) {
      calls.ends.push(end);
      return true;
    },
    async release() {
      calls.released += 1;
    },
  } as unknown as SessionNotesRepository;
  return { notes, calls };
}

const noAttendance = { listForSession: async () => [] } as unknown as AttendanceRepository;
const deps = (history: PadHistory, notes: SessionNotesRepository) => ({ notes, attendance: noAttendance, history, runnerId: 'r', logger });

describe('takeSnapshot', () => {
  it('records the start revision and frees the claim while the session runs', async () => {
    const { notes, calls } = fakeNotes();
    expect(await takeSnapshot(job(), deps(fakeHistory(['a', 'a\nb']), notes))).toBe('start');
    expect(calls.starts).toEqual([{ padId: PAD, startRev: 1, sessionStartedAt: job().startsAt }]);
    expect(calls.released).toBe(1);
  });

  it("starts before the session's heading when it was appended before the start was recorded", async () => {
    const { notes, calls } = fakeNotes();
    await takeSnapshot(job({ sectionRevision: 2 }), deps(fakeHistory(['a', 'a\nb', 'a\nb\nheading', 'a\nb\nheading\nx']), notes));
    expect(calls.starts[0]!.startRev).toBe(1);
  });

  it('takes start and end together for a session that ended before any runner saw it, and reads the change between them', async () => {
    const { notes, calls } = fakeNotes();
    expect(await takeSnapshot(job({ endDue: true, sectionRevision: 1 }), deps(fakeHistory(['notes', 'notes\n== S ==', 'notes\n== S ==\nsaid']), notes))).toBe('start+end');
    expect(calls.ends[0]).toMatchObject({ padId: PAD, endRev: 2, text: 'notes\n== S ==\nsaid\n', changeText: '== S ==\nsaid\n', changeHtml: expect.stringContaining('0-2') });
    expect(calls.ends[0]!.authors).toEqual([{ authorId: 'a.x1', name: 'Ada', colour: '#aabbcc', subject: null }]);
  });

  it('reads the change from the pad’s beginning when the recorded start belongs to another pad', async () => {
    const { notes, calls } = fakeNotes();
    await takeSnapshot(job({ startTaken: true, startRev: 5, padId: `${GROUP}$other`, endDue: true }), deps(fakeHistory(['t', 't\nu']), notes));
    expect(calls.starts).toEqual([]);
    expect(calls.ends[0]).toMatchObject({ endRev: 1, changeText: 'u\n' });
  });

  it('gives an empty snapshot for a room without a pad, and fails when Etherpad does not know the group', async () => {
    const { notes, calls } = fakeNotes();
    expect(await takeSnapshot(job({ padGroupId: null, endDue: true }), deps(fakeHistory(null), notes))).toBe('start+end');
    expect(calls.ends[0]).toMatchObject({ padId: null, endRev: 0, text: '', changeText: '', authors: [] });
    await expect(takeSnapshot(job({ endDue: true }), deps(fakeHistory(null, false), fakeNotes().notes))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
