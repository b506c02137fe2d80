import type { RoomSummary } from '@padmeet/contract';
import type { Db } from './client';

export interface RoomRepository {
  /** Rooms of published events, in event then room order. */
  listPublished(): Promise<RoomSummary[]>;
  findBySlug(slug: string): Promise<RoomSummary | null>;
  /**
   * What joining at `at` depends on: whether the event is members-only, and the end of
   * the session running in the room then (join tokens expire with it), if any.
   * Members-only events refuse guests. Null for an unknown room.
   */
  findJoinPolicy(slug: string, at: Date): Promise<{ membersOnly: boolean; sessionEndsAt: Date | null } | null>;
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
    async findJoinPolicy(slug, at) {
      const row = await db.room.findUnique({
        where: { slug },
        select: {
          event: { select: { membersOnly: true } },
          sessions: { where: { startsAt: { lte: at }, endsAt: { gt: at } }, select: { endsAt: true }, take: 1 },
        },
      });
      return row ? { membersOnly: row.event.membersOnly, sessionEndsAt: row.sessions[0]?.endsAt ?? null } : null;
    },
  };
}
