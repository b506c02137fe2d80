import type { RoomSummary } from '@padmeet/contract';
import type { PadRepository } from './pad.repository';
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
        padGroupId: room.padGroupId ?? null,
        published: room.published ?? true,
        membersOnly: room.membersOnly ?? false,
        organiserIds: room.organiserIds ?? [],
        timeZone: room.timeZone ?? 'UTC',
        session: room.session ?? null,
      };
    },
  };
}

/** In-memory PadRepository (first writer wins, as in PostgreSQL); `groups` and `sections` for assertions. */
export function createFakePadRepository(): PadRepository & {
  groups: Map<string, string>;
  sections: Map<string, { padId: string; revision: number | null }>;
} {
  const groups = new Map<string, string>();
  const sections = new Map<string, { padId: string; revision: number | null }>();
  return {
    groups,
    sections,
    async claimGroup(eventId, candidate) {
      if (!groups.has(eventId)) groups.set(eventId, candidate);
      return groups.get(eventId)!;
    },
    async claimSection(sessionId, padId) {
      if (sections.has(sessionId)) return false;
      sections.set(sessionId, { padId, revision: null });
      return true;
    },
    async completeSection(sessionId, revision) {
      sections.get(sessionId)!.revision = revision;
    },
    async releaseSection(sessionId) {
      if (sections.get(sessionId)?.revision === null) sections.delete(sessionId);
    },
    async findSection(sessionId) {
      const row = sections.get(sessionId);
      return row ? { ...row, addedAt: null } : null;
    },
  };
}
