import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { stack } from './fixtures';

export interface ScheduleFixture {
  eventSlug: string;
  eventName: string;
  /** "YYYY-MM-DD" (UTC) of the event's two days. */
  days: [string, string];
  rooms: { id: string; slug: string; name: string }[];
  track: { id: string; slug: string; name: string };
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A published two-day event in UTC (tomorrow and the day after, so nothing in
 * it is running now), with two rooms and one track, written straight to
 * PostgreSQL; `chairIds` become the track's chairs; `sessions` are
 * [room index, title, start ISO, end ISO, agenda (Markdown; optional)].
 */
export async function createScheduledEvent(options: { chairIds?: string[]; sessions?: [number, string, string, string, string?][] } = {}): Promise<ScheduleFixture> {
  const suffix = randomBytes(4).toString('hex');
  const tomorrow = new Date(Date.now() + 86_400_000);
  const days: [string, string] = [iso(tomorrow), iso(new Date(tomorrow.getTime() + 86_400_000))];
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    const eventSlug = `e2e-ev-${suffix}`;
    const eventName = `E2E PTG ${suffix}`;
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'UTC', true, now()) RETURNING id`,
      [eventSlug, eventName, days[0], days[1]],
    );
    const eventId = event.rows[0]!.id;
    const rooms = [];
    for (const [position, name] of ['Alpha room', 'Beta room'].entries()) {
      const slug = `e2e-${suffix}-${position ? 'beta' : 'alpha'}`;
      const row = await client.query<{ id: string }>(`INSERT INTO room (id, event_id, slug, name, position) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`, [eventId, slug, name, position]);
      rooms.push({ id: row.rows[0]!.id, slug, name });
    }
    const trackRow = await client.query<{ id: string }>(`INSERT INTO track (id, event_id, slug, name, color) VALUES (gen_random_uuid(), $1, 'zuul', 'Zuul', '#2f6f4f') RETURNING id`, [eventId]);
    const track = { id: trackRow.rows[0]!.id, slug: 'zuul', name: 'Zuul' };
    for (const userId of options.chairIds ?? []) await client.query(`INSERT INTO track_chair (track_id, user_id) VALUES ($1, $2)`, [track.id, userId]);
    for (const [room, title, start, end, agenda = ''] of options.sessions ?? []) {
      await client.query(`INSERT INTO session (id, track_id, room_id, title, agenda, starts_at, ends_at, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, now())`, [
        track.id,
        rooms[room]!.id,
        title,
        agenda,
        start,
        end,
      ]);
    }
    return { eventSlug, eventName, days, rooms, track };
  } finally {
    await client.end();
  }
}
