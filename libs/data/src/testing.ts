import { randomUUID } from 'node:crypto';
import type { Account, RoomSummary } from '@padmeet/contract';
import type { AccountSessionRepository } from './account-session.repository';
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

/** In-memory AccountSessionRepository: `accounts` gives each user's account as the database would. */
export function createFakeAccountSessionRepository(
  accountOf: (userId: string) => (Account & { passwordChangedAt: Date }) | null = () => null,
  now: () => number = Date.now,
): AccountSessionRepository & { sessions: Map<string, { userId: string; expiresAt: Date }> } {
  const sessions = new Map<string, { userId: string; expiresAt: Date }>();
  return {
    sessions,
    async start(userId, expiresAt) {
      const id = randomUUID();
      sessions.set(id, { userId, expiresAt });
      return id;
    },
    async findAccount(sessionId) {
      const session = sessions.get(sessionId);
      return session && session.expiresAt.getTime() > now() ? accountOf(session.userId) : null;
    },
    async end(sessionId) {
      return sessions.delete(sessionId);
    },
    async endAllOf(userId) {
      let ended = 0;
      for (const [id, session] of sessions) if (session.userId === userId && sessions.delete(id)) ended++;
      return ended;
    },
  };
}
