import type { RoomSummary } from '@padmeet/contract';
import type { Db } from './client';

export interface RoomRepository {
  /** Rooms of published events, in event then room order. */
  listPublished(): Promise<RoomSummary[]>;
  findBySlug(slug: string): Promise<RoomSummary | null>;
  /**
   * What joining the room or opening its notes at `at` depends on: the event's state and
   * organisers (drafts are for their editors, members-only events for signed-in people) and
   * the session running in the room then, if any (join tokens and pad sessions expire with it;
   * its heading and agenda go into the pad). Null for an unknown room.
   */
  findAccess(slug: string, at: Date): Promise<RoomAccess | null>;
}

/** A session running in a room, as the room's pad section shows it. */
export interface RunningSession {
  id: string;
  title: string;
  agenda: string;
  trackName: string;
  chairNames: string[];
  /** The track's chairs' accounts (they chair the room while the session runs). */
  chairIds: string[];
  startsAt: Date;
  endsAt: Date;
}

export interface RoomAccess {
  eventId: string;
  /** The event's Etherpad group, once the first person opened one of its rooms' notes. */
  padGroupId: string | null;
  published: boolean;
  membersOnly: boolean;
  organiserIds: string[];
  /** The event's IANA zone, for times written into the pad. */
  timeZone: string;
  session: RunningSession | null;
}

const roomSelect = {
  slug: true,
  name: true,
  capacity: true,
  event: { select: { name: true, slug: true } },
} as const;

type RoomRow = { slug: string; name: string; capacity: number | null; event: { name: string; slug: string } };

function toSummary(row: RoomRow): RoomSummary {
  return { slug: row.slug, name: row.name, capacity: row.capacity, eventName: row.event.name, eventSlug: row.event.slug };
}

export function createRoomRepository(db: Db): RoomRepository {
  return {
    async listPublished() {
      const rows = await db.room.findMany({
        where: { event: { published: true } },
        select: roomSelect,
        orderBy: [{ event: { startsOn: 'asc' } }, { position: 'asc' }, { slug: 'asc' }],
      });
      return rows.map(toSummary);
    },
    async findBySlug(slug) {
      const row = await db.room.findUnique({ where: { slug }, select: roomSelect });
      return row ? toSummary(row) : null;
    },
    async findAccess(slug, at) {
      const row = await db.room.findUnique({
        where: { slug },
        select: {
          event: { select: { id: true, padGroupId: true, published: true, membersOnly: true, timeZone: true, organisers: { select: { userId: true } } } },
          sessions: {
            where: { startsAt: { lte: at }, endsAt: { gt: at } },
            select: {
              id: true,
              title: true,
              agenda: true,
              startsAt: true,
              endsAt: true,
              track: { select: { name: true, chairs: { select: { userId: true, user: { select: { displayName: true } } }, orderBy: { createdAt: 'asc' } } } },
            },
            take: 1,
          },
        },
      });
      if (!row) return null;
      const running = row.sessions[0];
      return {
        eventId: row.event.id,
        padGroupId: row.event.padGroupId,
        published: row.event.published,
        membersOnly: row.event.membersOnly,
        organiserIds: row.event.organisers.map((organiser) => organiser.userId),
        timeZone: row.event.timeZone,
        session: running
          ? {
              id: running.id,
              title: running.title,
              agenda: running.agenda,
              trackName: running.track.name,
              chairNames: running.track.chairs.map((chair) => chair.user.displayName),
              chairIds: running.track.chairs.map((chair) => chair.userId),
              startsAt: running.startsAt,
              endsAt: running.endsAt,
            }
          : null,
      };
    },
  };
}
