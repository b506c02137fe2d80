import type { RoomSummary } from '@padmeet/contract';
import type { RoomAccess, RoomRepository } from './room.repository';

export type FakeRoom = RoomSummary & Partial<RoomAccess>;

/** In-memory RoomRepository for unit tests of code that uses it (published public events unless a room says otherwise). */
export function createFakeRoomRepository(rooms: FakeRoom[]): RoomRepository {
  const summary = ({ slug, name, capacity, eventName, eventSlug }: FakeRoom): RoomSummary => ({ slug, name, capacity, eventName, eventSlug });
  return {
    async listPublished() {
      return rooms.filter((room) => room.published !== false).map(summary);
    },
    async findBySlug(slug) {
      const room = rooms.find((candidate) => candidate.slug === slug);
      return room ? summary(room) : null;
    },
    async findAccess(slug) {
      const room = rooms.find((candidate) => candidate.slug === slug);
      if (!room) return null;
      return {
        eventId: room.eventId ?? `event-of-${room.eventSlug}`,
        published: room.published ?? true,
        membersOnly: room.membersOnly ?? false,
        organiserIds: room.organiserIds ?? [],
        timeZone: room.timeZone ?? 'UTC',
        session: room.session ?? null,
      };
    },
  };
}
