import type { Db } from './client';

/** A connection to a room's call joining, as the SFU reports it. */
export interface AttendanceJoin {
  /** The reporter's ID of the connection (its leave carries the same). */
  id: string;
  roomSlug: string;
  subject: string;
  displayName: string;
  at: Date;
}

export interface AttendanceLeave {
  id: string;
  at: Date;
}

/** One person's presence in the call during a session (their connection's join and leave). */
export interface SessionAttendee {
  subject: string;
  displayName: string;
  joinedAt: Date;
  /** Null while still connected (or when the SFU stopped without reporting the leave). */
  leftAt: Date | null;
}

/**
 * Who was in each room's call (attendance), from the SFU's reports. Writes are idempotent (a
 * report sent again after a lost answer changes nothing), so the SFU can retry freely.
 */
export interface AttendanceRepository {
  /** Records a join; false when no room has that slug (nothing is written). */
  recordJoin(join: AttendanceJoin): Promise<boolean>;
  /** Records a leave of a recorded join (never before its join); an unknown or already-left ID changes nothing. */
  recordLeave(leave: AttendanceLeave): Promise<void>;
  /** The connections to the session's room overlapping the session's [start, end), by join time. */
  listForSession(sessionId: string): Promise<SessionAttendee[]>;
}

export function createAttendanceRepository(db: Db): AttendanceRepository {
  return {
    async recordJoin(join) {
      const rows = await db.$queryRaw<Array<{ known: boolean }>>`
        WITH room_of AS (SELECT id FROM room WHERE slug = ${join.roomSlug}),
        inserted AS (
          INSERT INTO attendance (id, room_id, subject, display_name, joined_at)
          SELECT ${join.id}::uuid, room_of.id, ${join.subject}, ${join.displayName}, ${join.at} FROM room_of
          ON CONFLICT (id) DO NOTHING RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM room_of) AS known`;
      return rows[0]?.known === true;
    },
    async recordLeave(leave) {
      await db.$executeRaw`
        UPDATE attendance SET left_at = GREATEST(joined_at, ${leave.at}::timestamptz)
        WHERE id = ${leave.id}::uuid AND left_at IS NULL`;
    },
    async listForSession(sessionId) {
      const rows = await db.$queryRaw<Array<{ subject: string; display_name: string; joined_at: Date; left_at: Date | null }>>`
        SELECT a.subject, a.display_name, a.joined_at, a.left_at
        FROM session s JOIN attendance a ON a.room_id = s.room_id
        WHERE s.id = ${sessionId}::uuid AND a.joined_at < s.ends_at AND (a.left_at IS NULL OR a.left_at > s.starts_at)
        ORDER BY a.joined_at, a.id`;
      return rows.map((row) => ({ subject: row.subject, displayName: row.display_name, joinedAt: row.joined_at, leftAt: row.left_at }));
    },
  };
}
