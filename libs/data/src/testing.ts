import type { RoomSummary } from '@padmeet/contract';
import type { RoomRepository } from './room.repository';

/** In-memory RoomRepository for unit tests of code that uses it. */
export function createFakeRoomRepository(rooms: RoomSummary[]): RoomRepository {
  return {
    async listPublished() {
      return [...rooms];
    },
    async findBySlug(slug) {
      return rooms.find((room) => room.slug === slug) ?? null;
    },
  };
}
