import type { Attendee, ChatLine, NotesAuthor } from '@padmeet/contract';
import type { Db } from './client';
import { Prisma } from './generated/prisma/client';

/**
 * The notes archive's reads (issue 12, part B): sessions that have ended with the snapshot of
 * their notes (`session_notes`, written by the snapshot jobs of part A; a session without a taken
 * snapshot is "pending"), full-text search over those notes, who attended (`attendance`: the SFU's joins in the session's room and time)
 * and the room's chat during each session (`chat_message`). Read-only; SQL because the search
 * column (a generated tsvector, migration 20261130184000_notes_search) is not a Prisma type.
 */

/** An event as the archive needs it: who may read (decideNotesAccess) and its rooms and tracks. */
export interface ArchiveEvent {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  published: boolean;
  membersOnly: boolean;
  organiserIds: string[];
  rooms: { id: string; slug: string; name: string }[];
  tracks: { id: string; slug: string; name: string; color: string }[];
}

export type SnapshotRecord = { status: 'pending' } | { status: 'taken'; takenAt: Date | null; changeText: string; authors: NotesAuthor[] };

export interface ArchivedSessionRecord {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  room: { slug: string; name: string };
  track: { slug: string; name: string; color: string };
  chairIds: string[];
  chairNames: string[];
  notes: SnapshotRecord;
  /** The whole pad at the session's end: only when asked for (withText), and only once taken. */
  text: string | null;
}

export interface EndedSessionsFilter {
  roomSlug?: string;
  trackSlug?: string;
  /** Only these sessions. */
  sessionIds?: string[];
  /** Also read the whole pad at each session's end (exports and the session page). */
  withText?: boolean;
}

export interface SearchHit {
  session: ArchivedSessionRecord;
  rank: number;
  /** ts_headline's fragments, matched words between HIT_START and HIT_END (U+E000, U+E001). */
  headline: string;
}

export interface NotesArchiveRepository {
  findEvent(slug: string): Promise<ArchiveEvent | null>;
  /** The event's sessions that ended at or before `before`, newest first. */
  listEnded(eventId: string, before: Date, filter?: EndedSessionsFilter): Promise<ArchivedSessionRecord[]>;
  /**
   * The event's taken notes matching `query` (websearch syntax: words, "phrases", -not, or),
   * best first (ts_rank_cd), at most `limit`, among sessions ended by `before`.
   */
  search(eventId: string, query: string, before: Date, limit: number): Promise<SearchHit[]>;
  /** Who joined each session's call (join order). */
  attendance(sessionIds: string[]): Promise<Map<string, Attendee[]>>;
  /** The room's chat during each session (sending order). */
  chat(sessionIds: string[]): Promise<Map<string, ChatLine[]>>;
  /**
   * The whole event's notes were exported (by its organisers) at `at`: each of its rooms records it
   * (`room.notes_exported_at`), so the never-lose-a-pad guard lets a room go whose notes are all exported.
   */
  markEventExported(eventId: string, at: Date): Promise<void>;
}

/** Highlight markers: private-use characters, removed from the text before ts_headline adds them. */
const HIT_START = '\uE000';
const HIT_END = '\uE001';
// One fragment (ts_headline's default mode): half the time of MaxFragments' cover search, which was most of a search's time.
const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12`;

/** Snapshots record authors as JSON; each entry with a name is kept (color or colour, when a string). */
function authorsOf(value: unknown): NotesAuthor[] {
  if (!Array.isArray(value)) return [];
  const authors: NotesAuthor[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const name = typeof record['name'] === 'string' ? record['name'] : null;
    if (!name) continue;
    const color = [record['color'], record['colour']].find((c): c is string => typeof c === 'string') ?? null;
    authors.push({ name, color });
  }
  return authors;
}

interface SessionRow {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  room_slug: string;
  room_name: string;
  track_slug: string;
  track_name: string;
  track_color: string;
  chair_ids: string[];
  chair_names: string[];
  status: string | null;
  taken_at: Date | null;
  change_text: string | null;
  text: string | null;
  authors: unknown;
}

function toRecord(row: SessionRow, withText: boolean): ArchivedSessionRecord {
  const taken = row.status === 'taken';
  return {
    id: row.id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    room: { slug: row.room_slug, name: row.room_name },
    track: { slug: row.track_slug, name: row.track_name, color: row.track_color },
    chairIds: row.chair_ids,
    chairNames: row.chair_names,
    notes: taken ? { status: 'taken', takenAt: row.taken_at, changeText: row.change_text ?? '', authors: authorsOf(row.authors) } : { status: 'pending' },
    text: withText && taken ? (row.text ?? '') : null,
  };
}

/** What a session row of the archive reads (s: session, r: room, t: track, n: session_notes). */
const SESSION_COLUMNS = Prisma.sql`
  s.id::text, s.title, s.starts_at, s.ends_at,
  r.slug AS room_slug, r.name AS room_name,
  t.slug AS track_slug, t.name AS track_name, t.color AS track_color,
  COALESCE((SELECT array_agg(c.user_id::text ORDER BY u.display_name) FROM track_chair c JOIN app_user u ON u.id = c.user_id WHERE c.track_id = t.id), '{}') AS chair_ids,
  COALESCE((SELECT array_agg(u.display_name ORDER BY u.display_name) FROM track_chair c JOIN app_user u ON u.id = c.user_id WHERE c.track_id = t.id), '{}') AS chair_names,
  n.status::text AS status, n.taken_at, n.change_text, n.authors`;

function groupBy<R extends { session_id: string }, T>(rows: R[], map: (row: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.session_id) ?? [];
    list.push(map(row));
    out.set(row.session_id, list);
  }
  return out;
}

export function createNotesArchiveRepository(db: Db): NotesArchiveRepository {
  return {
    async findEvent(slug) {
      // One statement (the archive's every call starts here): the event, its organisers, rooms and tracks.
      const rows = await db.$queryRaw<ArchiveEvent[]>`
        SELECT e.id::text AS id, e.slug, e.name, e.time_zone AS "timeZone", e.published, e.members_only AS "membersOnly",
               COALESCE((SELECT array_agg(o.user_id::text) FROM event_organiser o WHERE o.event_id = e.id), '{}') AS "organiserIds",
               COALESCE((SELECT json_agg(json_build_object('id', r.id, 'slug', r.slug, 'name', r.name) ORDER BY r.position, r.slug) FROM room r WHERE r.event_id = e.id), '[]') AS rooms,
               COALESCE((SELECT json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'color', t.color) ORDER BY t.position, t.slug) FROM track t WHERE t.event_id = e.id), '[]') AS tracks
          FROM event e
         WHERE e.slug = ${slug}`;
      return rows[0] ?? null;
    },

    async listEnded(eventId, before, filter = {}) {
      const withText = filter.withText ?? false;
      const rows = await db.$queryRaw<SessionRow[]>`
        SELECT ${SESSION_COLUMNS},
               CASE WHEN ${withText}::boolean THEN n.text END AS text
          FROM session s
          JOIN room r ON r.id = s.room_id
          JOIN track t ON t.id = s.track_id
          LEFT JOIN session_notes n ON n.session_id = s.id
         WHERE r.event_id = ${eventId}::uuid
           AND s.ends_at <= ${before}
           AND (${filter.roomSlug ?? null}::text IS NULL OR r.slug = ${filter.roomSlug ?? null}::text)
           AND (${filter.trackSlug ?? null}::text IS NULL OR t.slug = ${filter.trackSlug ?? null}::text)
           AND (${filter.sessionIds ?? null}::uuid[] IS NULL OR s.id = ANY(${filter.sessionIds ?? null}::uuid[]))
         ORDER BY s.starts_at DESC, r.position ASC`;
      return rows.map((row) => toRecord(row, withText));
    },

    async search(eventId, query, before, limit) {
      // English stems ("shipping" finds "shipped") and the words as written (any language, no
      // stemming): the generated column indexes both, the query asks for either. Ranked over every
      // match; the highlighted fragments and the sessions' facts only for the best `limit`.
      const rows = await db.$queryRaw<(SessionRow & { rank: number; headline: string })[]>`
        WITH q AS (SELECT websearch_to_tsquery('english', ${query}) || websearch_to_tsquery('simple', ${query}) AS query),
        best AS (
          SELECT n.session_id, ts_rank_cd(n.search, q.query) AS rank, s.starts_at
            FROM session_notes n
            JOIN session s ON s.id = n.session_id
            JOIN room r ON r.id = s.room_id
            CROSS JOIN q
           WHERE r.event_id = ${eventId}::uuid
             AND n.status = 'taken'
             AND s.ends_at <= ${before}
             AND n.search @@ q.query
           ORDER BY rank DESC, s.starts_at DESC
           LIMIT ${limit})
        SELECT ${SESSION_COLUMNS}, NULL AS text, best.rank::float8 AS rank,
               ts_headline('english', translate(COALESCE(n.change_text, ''), ${HIT_START + HIT_END}, ''), q.query, ${HEADLINE_OPTIONS}) AS headline
          FROM best
          JOIN session s ON s.id = best.session_id
          JOIN room r ON r.id = s.room_id
          JOIN track t ON t.id = s.track_id
          JOIN session_notes n ON n.session_id = s.id
          CROSS JOIN q
         ORDER BY best.rank DESC, best.starts_at DESC`;
      return rows.map((row) => ({ session: toRecord(row, false), rank: row.rank, headline: row.headline }));
    },

    async attendance(sessionIds) {
      if (sessionIds.length === 0) return new Map();
      // A session's attendance: the room's connections overlapping [starts_at, ends_at), one line per
      // person (a reconnect is the same person): first join, last leave (null while one is open).
      const rows = await db.$queryRaw<{ session_id: string; name: string; joined_at: Date; left_at: Date | null }[]>`
        SELECT s.id::text AS session_id,
               (array_agg(a.display_name ORDER BY a.joined_at DESC))[1] AS name,
               min(a.joined_at) AS joined_at,
               CASE WHEN bool_or(a.left_at IS NULL) THEN NULL ELSE max(a.left_at) END AS left_at
          FROM session s
          JOIN attendance a ON a.room_id = s.room_id AND a.joined_at < s.ends_at AND (a.left_at IS NULL OR a.left_at > s.starts_at)
         WHERE s.id = ANY(${sessionIds}::uuid[])
         GROUP BY s.id, a.subject
         ORDER BY min(a.joined_at), 2`;
      return groupBy(rows, (row) => ({ name: row.name, joinedAt: row.joined_at, leftAt: row.left_at }));
    },

    async chat(sessionIds) {
      if (sessionIds.length === 0) return new Map();
      const rows = await db.$queryRaw<{ session_id: string; name: string; body: string; sent_at: Date }[]>`
        SELECT m.session_id::text, m.name, m.body, m.sent_at
          FROM chat_message m
         WHERE m.session_id = ANY(${sessionIds}::uuid[])
         ORDER BY m.id`;
      return groupBy(rows, (row) => ({ name: row.name, body: row.body, sentAt: row.sent_at }));
    },

    async markEventExported(eventId, at) {
      await db.$executeRaw`UPDATE room SET notes_exported_at = GREATEST(COALESCE(notes_exported_at, ${at}), ${at}) WHERE event_id = ${eventId}::uuid`;
    },
  };
}
