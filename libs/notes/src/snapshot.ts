import { personColour } from '@padmeet/contract';
import type { AttendanceRepository, NotesAuthor, SessionNotesRepository, SnapshotJob } from '@padmeet/data';
import { groupPadId, type PadHistory } from '@padmeet/pad';
import { AppError, type Logger } from '@padmeet/util';
import { authorsOfDiffHtml } from './diff-authors';
import { addedLines } from './line-diff';
import { personKeyOf } from './policy';

/** The colour of an author padmeet cannot map back to a person and Etherpad names none for. */
const UNKNOWN_AUTHOR_COLOUR = '#888888';

export interface SnapshotDeps {
  notes: SessionNotesRepository;
  attendance: AttendanceRepository;
  history: PadHistory;
  runnerId: string;
  logger: Logger;
}

export type SnapshotOutcome = 'start' | 'end' | 'start+end' | 'lost-claim';

/**
 * The pad's latest revision; null when the room has no pad yet. The event's group missing from
 * Etherpad is an error (retried), not an empty pad: padmeet recorded it, so this Etherpad is not the
 * one the pads live in, or it lost its data; an empty snapshot would hide that.
 */
async function revisionOf(job: SnapshotJob, padId: string | null, history: PadHistory): Promise<number | null> {
  if (!padId || !job.padGroupId) return null;
  const rev = await history.revisionsCount(padId);
  if (rev === null && !(await history.groupExists(job.padGroupId))) {
    throw new AppError('UNAVAILABLE', { userMessage: `Etherpad does not know the event's pad group ${job.padGroupId} (another Etherpad, or its data was lost).` });
  }
  return rev;
}

/** The room's pad: the group pad named after the room, once the event has an Etherpad group. */
function padOf(job: SnapshotJob): string | null {
  return job.padGroupId ? groupPadId(job.padGroupId, job.roomSlug) : null;
}

/**
 * Takes what is due of a claimed job: the start revision (when not yet recorded for this start of
 * the session), then, when the session has ended, the end snapshot. Throws when Etherpad or
 * PostgreSQL fails (the runner records the failure and retries later); never leaves half a
 * snapshot (the end is one write).
 */
export async function takeSnapshot(job: SnapshotJob, deps: SnapshotDeps): Promise<SnapshotOutcome> {
  const { notes, history, runnerId } = deps;
  let startRev = job.startRev;
  let startPadId = job.padId;
  let tookStart = false;
  if (!job.startTaken) {
    const padId = padOf(job);
    let rev = await revisionOf(job, padId, history);
    // The session's heading is appended when someone first opens the notes during the session; if
    // that happened before this runner got here, the revision before it is the start.
    if (rev !== null && job.sectionRevision !== null && job.sectionRevision >= 1) rev = Math.min(rev, job.sectionRevision - 1);
    // A pad that does not exist yet is made during the session: its revision 0 (the room's
    // template) is where the session's notes start.
    startRev = rev ?? 0;
    startPadId = padId;
    if (!(await notes.recordStart(job.sessionId, runnerId, { padId, startRev, sessionStartedAt: job.startsAt }))) return 'lost-claim';
    tookStart = true;
  }
  if (!job.endDue) {
    await notes.release(job.sessionId, runnerId);
    return 'start';
  }

  const padId = padOf(job);
  const endRev = await revisionOf(job, padId, history);
  if (padId === null || endRev === null) {
    // No pad was ever made for the room: the session's notes are empty.
    const saved = await notes.recordEnd(job.sessionId, runnerId, { padId, endRev: 0, text: '', html: '', changeText: '', changeHtml: '', authors: [], sessionEndedAt: job.endsAt });
    return saved ? (tookStart ? 'start+end' : 'end') : 'lost-claim';
  }
  // The start belongs to another pad (the session moved rooms) or to a pad since replaced: from the pad's beginning.
  const from = startPadId === padId && startRev !== null && startRev <= endRev ? startRev : 0;
  const [text, html, startText, changeHtml] = await Promise.all([
    history.textAt(padId, endRev),
    history.htmlAt(padId, endRev),
    history.textAt(padId, from),
    from < endRev ? history.diffHtml(padId, from, endRev) : Promise.resolve(''),
  ]);
  const authors = await namedAuthors(job, changeHtml, deps);
  const saved = await notes.recordEnd(job.sessionId, runnerId, {
    padId,
    endRev,
    text,
    html,
    changeText: from < endRev ? addedLines(startText, text) : '',
    changeHtml,
    authors,
    sessionEndedAt: job.endsAt,
  });
  return saved ? (tookStart ? 'start+end' : 'end') : 'lost-claim';
}

/**
 * The authors of the session's change with their names, mapped back to people where padmeet can:
 * each person who joined the session's call is one Etherpad author (keyed by their account or guest
 * identity), so their author ID is asked of Etherpad and they get their padmeet colour. Others (e.g.
 * someone who only opened the notes page) keep Etherpad's colour.
 */
async function namedAuthors(job: SnapshotJob, changeHtml: string, deps: SnapshotDeps): Promise<NotesAuthor[]> {
  const found = authorsOfDiffHtml(changeHtml);
  if (found.length === 0) return [];
  const subjects = [...new Set((await deps.attendance.listForSession(job.sessionId)).map((attendee) => attendee.subject))];
  const subjectOf = new Map<string, string>();
  for (const subject of subjects) subjectOf.set(await deps.history.authorOf(personKeyOf(subject)), subject);
  const authors: NotesAuthor[] = [];
  for (const { authorId, etherpadColour } of found) {
    const subject = subjectOf.get(authorId) ?? null;
    authors.push({
      authorId,
      name: await deps.history.authorName(authorId),
      colour: subject ? personColour(subject) : (etherpadColour ?? UNKNOWN_AUTHOR_COLOUR),
      subject,
    });
  }
  return authors;
}
