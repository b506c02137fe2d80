import type { Db } from './client';

/** One author of a session's change, as kept in `session_notes.authors`. */
export interface NotesAuthor {
  authorId: string;
  name: string | null;
  colour: string;
  /** The person (join-token subject) the author was mapped back to; null when not known. */
  subject: string | null;
}

/** A claimed row of `session_notes`: what taking its start and/or end snapshot needs. */
export interface SnapshotJob {
  sessionId: string;
  roomId: string;
  roomSlug: string;
  eventId: string;
  /** The event's Etherpad group; null while nobody opened any of its rooms' notes. */
  padGroupId: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The start snapshot, once recorded (for this start of the session). */
  startTaken: boolean;
  startRev: number | null;
  padId: string | null;
  /** The pad's revision right after the session's heading was appended (pad_section), if it was. */
  sectionRevision: number | null;
  /** Whether the end snapshot is due now (the session's end has been reached). */
  endDue: boolean;
  /** Claims so far, this one included. */
  attempts: number;
}

export interface StartSnapshot {
  padId: string | null;
  startRev: number | null;
  /** The start of the session this revision belongs to. */
  sessionStartedAt: Date;
}

export interface EndSnapshot {
  padId: string | null;
  endRev: number;
  text: string;
  html: string;
  changeText: string;
  changeHtml: string;
  authors: NotesAuthor[];
  /** The end of the session the snapshot was taken for. */
  sessionEndedAt: Date;
}

/** Limits a runner to some events' sessions (tests and the benchmark); absent: every session. */
export interface RunnerScope {
  eventIds: string[];
}

export interface SessionNotesRecord {
  sessionId: string;
  padId: string | null;
  startRev: number | null;
  startTakenAt: Date | null;
  endRev: number | null;
  text: string | null;
  html: string | null;
  changeText: string | null;
  changeHtml: string | null;
  authors: NotesAuthor[];
  status: 'pending' | 'taken';
  takenAt: Date | null;
  sessionEndedAt: Date | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
}

/**
 * The per-session snapshots of the room pads and their durable jobs (libs/notes runs them).
 * A row exists once the session's start has been reached (`materialise`, idempotent); its jobs are
 * due by the session's own times, read at each claim, so moving, extending or cancelling a session
 * (the row goes with it) needs nothing here. Claims are exclusive across processes
 * (`FOR UPDATE SKIP LOCKED`) and leased: a runner that died holding one is taken over once the
 * lease has passed. Every write of a claimed row checks the claim is still this runner's.
 */
export interface SessionNotesRepository {
  /** Makes the rows of sessions that have started and ended less than `horizonMs` ago; resolves with how many were new. */
  materialise(horizonMs: number, scope?: RunnerScope): Promise<number>;
  /** Claims up to `limit` rows with a job due now for `leaseMs`. */
  claim(runnerId: string, leaseMs: number, limit: number, scope?: RunnerScope): Promise<SnapshotJob[]>;
  /** Records the start snapshot; false when the claim is no longer this runner's. */
  recordStart(sessionId: string, runnerId: string, start: StartSnapshot): Promise<boolean>;
  /** Records the end snapshot (status 'taken') and frees the claim; false when the claim is no longer this runner's. */
  recordEnd(sessionId: string, runnerId: string, end: EndSnapshot): Promise<boolean>;
  /** Frees the claim (nothing more is due yet). */
  release(sessionId: string, runnerId: string): Promise<void>;
  /** Frees the claim after a failure: the next try runs after `retryInMs`. */
  fail(sessionId: string, runnerId: string, error: string, retryInMs: number): Promise<void>;
  /** When the next start or end of a session is, after now (to wake up right then); null when none is booked. */
  nextInstant(): Promise<Date | null>;
  findBySession(sessionId: string): Promise<SessionNotesRecord | null>;
}

const recordSelect = {
  sessionId: true,
  padId: true,
  startRev: true,
  startTakenAt: true,
  endRev: true,
  text: true,
  html: true,
  changeText: true,
  changeHtml: true,
  authors: true,
  status: true,
  takenAt: true,
  sessionEndedAt: true,
  attempts: true,
  lastError: true,
  nextAttemptAt: true,
} as const;

interface JobRow {
  session_id: string;
  room_id: string;
  room_slug: string;
  event_id: string;
  pad_group_id: string | null;
  starts_at: Date;
  ends_at: Date;
  start_taken: boolean;
  start_rev: number | null;
  pad_id: string | null;
  section_revision: number | null;
  end_due: boolean;
  attempts: number;
}

export function createSessionNotesRepository(db: Db): SessionNotesRepository {
  return {
    async materialise(horizonMs, scope) {
      const events = scope?.eventIds ?? null;
      return db.$executeRaw`
        INSERT INTO session_notes (session_id)
        SELECT s.id FROM session s JOIN room r ON r.id = s.room_id
        WHERE s.starts_at <= now()
          AND (${events}::uuid[] IS NULL OR r.event_id = ANY(${events}::uuid[]))
          AND s.ends_at > now() - make_interval(secs => ${horizonMs / 1000}::double precision)
          AND NOT EXISTS (SELECT 1 FROM session_notes n WHERE n.session_id = s.id)
        ON CONFLICT (session_id) DO NOTHING`;
    },

    async claim(runnerId, leaseMs, limit, scope) {
      const events = scope?.eventIds ?? null;
      // The start is (re)due when never recorded or the session was moved later since; the end
      // when the session has ended and its snapshot is missing or older than its (extended) end.
      const rows = await db.$queryRaw<JobRow[]>`
        WITH due AS (
          SELECT n.session_id FROM session_notes n JOIN session s ON s.id = n.session_id JOIN room r ON r.id = s.room_id
          WHERE n.next_attempt_at <= now()
            AND (${events}::uuid[] IS NULL OR r.event_id = ANY(${events}::uuid[]))
            AND (n.locked_until IS NULL OR n.locked_until < now())
            AND (
              (s.starts_at <= now() AND (n.start_taken_at IS NULL OR n.session_started_at < s.starts_at))
              OR (s.ends_at <= now() AND (n.status = 'pending' OR n.session_ended_at < s.ends_at))
            )
          ORDER BY LEAST(s.starts_at, s.ends_at), n.session_id
          LIMIT ${limit}
          FOR UPDATE OF n SKIP LOCKED
        ), claimed AS (
          UPDATE session_notes n
          SET locked_until = now() + make_interval(secs => ${leaseMs / 1000}::double precision),
              locked_by = ${runnerId}, attempts = n.attempts + 1, updated_at = now()
          FROM due WHERE n.session_id = due.session_id
          RETURNING n.session_id, n.start_taken_at, n.session_started_at, n.start_rev, n.pad_id, n.attempts
        )
        SELECT c.session_id::text, r.id::text AS room_id, r.slug AS room_slug, e.id::text AS event_id, e.pad_group_id,
               s.starts_at, s.ends_at,
               (c.start_taken_at IS NOT NULL AND c.session_started_at >= s.starts_at) AS start_taken,
               c.start_rev, c.pad_id, ps.revision AS section_revision,
               (s.ends_at <= now()) AS end_due, c.attempts
        FROM claimed c
        JOIN session s ON s.id = c.session_id
        JOIN room r ON r.id = s.room_id
        JOIN event e ON e.id = r.event_id
        LEFT JOIN pad_section ps ON ps.session_id = c.session_id`;
      return rows.map((row) => ({
        sessionId: row.session_id,
        roomId: row.room_id,
        roomSlug: row.room_slug,
        eventId: row.event_id,
        padGroupId: row.pad_group_id,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        startTaken: row.start_taken,
        startRev: row.start_rev,
        padId: row.pad_id,
        sectionRevision: row.section_revision,
        endDue: row.end_due,
        attempts: row.attempts,
      }));
    },

    async recordStart(sessionId, runnerId, start) {
      const { count } = await db.sessionNotes.updateMany({
        where: { sessionId, lockedBy: runnerId },
        data: { padId: start.padId, startRev: start.startRev, startTakenAt: new Date(), sessionStartedAt: start.sessionStartedAt, lastError: null },
      });
      return count === 1;
    },

    async recordEnd(sessionId, runnerId, end) {
      const { count } = await db.sessionNotes.updateMany({
        where: { sessionId, lockedBy: runnerId },
        data: {
          padId: end.padId,
          endRev: end.endRev,
          text: end.text,
          html: end.html,
          changeText: end.changeText,
          changeHtml: end.changeHtml,
          authors: end.authors as unknown as object[],
          status: 'taken',
          takenAt: new Date(),
          sessionEndedAt: end.sessionEndedAt,
          lastError: null,
          lockedBy: null,
          lockedUntil: null,
        },
      });
      return count === 1;
    },

    async release(sessionId, runnerId) {
      await db.sessionNotes.updateMany({ where: { sessionId, lockedBy: runnerId }, data: { lockedBy: null, lockedUntil: null } });
    },

    async fail(sessionId, runnerId, error, retryInMs) {
      await db.$executeRaw`
        UPDATE session_notes SET locked_by = NULL, locked_until = NULL, last_error = ${error.slice(0, 2000)},
          next_attempt_at = now() + make_interval(secs => ${retryInMs / 1000}::double precision), updated_at = now()
        WHERE session_id = ${sessionId}::uuid AND locked_by = ${runnerId}`;
    },

    async nextInstant() {
      const rows = await db.$queryRaw<Array<{ at: Date | null }>>`
        SELECT LEAST((SELECT min(starts_at) FROM session WHERE starts_at > now()), (SELECT min(ends_at) FROM session WHERE ends_at > now())) AS at`;
      return rows[0]?.at ?? null;
    },

    async findBySession(sessionId) {
      const row = await db.sessionNotes.findUnique({ where: { sessionId }, select: recordSelect });
      if (!row) return null;
      return { ...row, status: row.status === 'taken' ? 'taken' : 'pending', authors: (row.authors ?? []) as unknown as NotesAuthor[] };
    },
  };
}
