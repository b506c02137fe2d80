import type { RoomSummary } from '@padmeet/contract';
import type { RoomRepository } from './room.repository';

/** In-memory RoomRepository for unit tests of code that uses it. */
export function createFakeRoomRepository(rooms: (RoomSummary & { membersOnly?: boolean; sessionEndsAt?: Date })[]): RoomRepository {
  return {
    async listPublished() {
      return rooms.map(({ membersOnly: _membersOnly, sessionEndsAt: _ends, ...summary }) => summary);
    },
    async findBySlug(slug) {
      const room = rooms.find((candidate) => candidate.slug === slug);
      if (!room) return null;
      const { membersOnly: _membersOnly, sessionEndsAt: _ends, ...summary } = room;
      return summary;
    },
    async findJoinPolicy(slug) {
      const room = rooms.find((candidate) => candidate.slug === slug);
      return room ? { membersOnly: room.membersOnly ?? false, sessionEndsAt: room.sessionEndsAt ?? null } : null;
    },
  };
}
