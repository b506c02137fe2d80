import type { Db } from './client';
import { eventSelect, toEventRecord, type EventRecord, type RoomRecord } from './event.repository';
import { toSessionRecord, sessionSelect, type SessionRecord } from './session.repository';
import { toTrackRecord, type TrackRecord } from './track.repository';

/** One event's whole schedule, read in one round of queries. */
export interface EventSchedule {
  event: EventRecord;
  rooms: RoomRecord[];
  tracks: TrackRecord[];
  /** Ordered by start, then room position. */
  sessions: SessionRecord[];
}

export interface ScheduleRepository {
  load(eventSlug: string): Promise<EventSchedule | null>;
}

export function createScheduleRepository(db: Db): ScheduleRepository {
  return {
    async load(eventSlug) {
      const event = await db.event.findUnique({
        where: { slug: eventSlug },
        select: {
          ...eventSelect,
          rooms: { select: { id: true, eventId: true, slug: true, name: true, capacity: true, position: true }, orderBy: [{ position: 'asc' }, { slug: 'asc' }] },
          tracks: {
            select: { id: true, eventId: true, slug: true, name: true, color: true, position: true, chairs: { select: { userId: true } } },
            orderBy: [{ position: 'asc' }, { slug: 'asc' }],
          },
        },
      });
      if (!event) return null;
      const sessions = await db.session.findMany({
        where: { room: { eventId: event.id } },
        select: sessionSelect,
        orderBy: [{ startsAt: 'asc' }, { room: { position: 'asc' } }],
      });
      return {
        event: toEventRecord(event),
        rooms: event.rooms,
        tracks: event.tracks.map(toTrackRecord),
        sessions: sessions.map(toSessionRecord),
      };
    },
  };
}
