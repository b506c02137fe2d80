import type { CreateEventInput, EventRoom, EventSummary } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Db } from './client';
import { conflictIfDuplicate, fromDbDate, toDbDate } from './db-values';
import { lockEvent, nextPosition, setPositions, type DbClient } from './positions';
import { spanOfEventIn, type SessionSpan } from './session.repository';

export interface EventRecord extends EventSummary {
  organiserIds: string[];
}

export interface EventPatch {
  name?: string;
  startsOn?: string;
  endsOn?: string;
  timeZone?: string;
  published?: boolean;
}

export interface RoomRecord extends EventRoom {
  eventId: string;
}

export interface EventRepository {
  findBySlug(slug: string): Promise<EventRecord | null>;
  findById(id: string): Promise<EventRecord | null>;
  listPublished(): Promise<EventSummary[]>;
  /** Creates the event with `organiserId` as its first organiser. */
  create(input: CreateEventInput, organiserId: string): Promise<EventRecord>;
  /**
   * Updates the event. `check` runs first, in the same transaction, with the event locked and the
   * span of its sessions as they are now: a booking cannot slip in between the check and the
   * write (bookings take a share lock on the event, see SessionRepository.create). It throws to refuse.
   */
  update(id: string, patch: EventPatch, check?: (current: EventRecord, span: SessionSpan | null) => void): Promise<EventRecord>;
  addOrganiser(eventId: string, userId: string): Promise<void>;
  /**
   * Removes an organiser unless they are the event's last one, in one transaction with the event
   * locked (two concurrent removals of the last two cannot both pass): 'last' refuses, 'absent' was none.
   */
  removeOrganiser(eventId: string, userId: string): Promise<'removed' | 'last' | 'absent'>;
  findRoom(roomId: string): Promise<RoomRecord | null>;
  createRoom(eventId: string, room: { slug: string; name: string; capacity: number | null }): Promise<RoomRecord>;
  updateRoom(roomId: string, patch: { name?: string; capacity?: number | null; position?: number }): Promise<RoomRecord>;
  /** Puts the event's rooms in the order of `roomIds`; null (nothing changed) unless it lists each of them once. */
  reorderRooms(eventId: string, roomIds: string[]): Promise<RoomRecord[] | null>;
}

export const eventSelect = {
  id: true,
  slug: true,
  name: true,
  startsOn: true,
  endsOn: true,
  timeZone: true,
  published: true,
  organisers: { select: { userId: true } },
} as const;

type EventRow = { id: string; slug: string; name: string; startsOn: Date; endsOn: Date; timeZone: string; published: boolean; organisers: { userId: string }[] };

export function toEventRecord(row: EventRow): EventRecord {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    startsOn: fromDbDate(row.startsOn),
    endsOn: fromDbDate(row.endsOn),
    timeZone: row.timeZone,
    published: row.published,
    organiserIds: row.organisers.map((o) => o.userId),
  };
}

const roomSelect = { id: true, eventId: true, slug: true, name: true, capacity: true, position: true } as const;

export function createEventRepository(db: Db): EventRepository {
  return {
    async findBySlug(slug) {
      const row = await db.event.findUnique({ where: { slug }, select: eventSelect });
      return row ? toEventRecord(row) : null;
    },
    async findById(id) {
      const row = await db.event.findUnique({ where: { id }, select: eventSelect });
      return row ? toEventRecord(row) : null;
    },
    async listPublished() {
      const rows = await db.event.findMany({ where: { published: true }, select: eventSelect, orderBy: [{ startsOn: 'asc' }, { slug: 'asc' }] });
      return rows.map((row) => {
        const { organiserIds: _organisers, ...summary } = toEventRecord(row);
        return summary;
      });
    },
    async create(input, organiserId) {
      try {
        const row = await db.event.create({
          data: {
            slug: input.slug,
            name: input.name,
            startsOn: toDbDate(input.startsOn),
            endsOn: toDbDate(input.endsOn),
            timeZone: input.timeZone,
            organisers: { create: { userId: organiserId } },
          },
          select: eventSelect,
        });
        return toEventRecord(row);
      } catch (error) {
        throw conflictIfDuplicate(error, { userMessage: `There is already an event at /e/${input.slug}.`, field: 'slug' });
      }
    },
    async update(id, patch, check) {
      const write = (client: DbClient) =>
        client.event.update({
          where: { id },
        data: {
          name: patch.name,
          startsOn: patch.startsOn === undefined ? undefined : toDbDate(patch.startsOn),
          endsOn: patch.endsOn === undefined ? undefined : toDbDate(patch.endsOn),
          timeZone: patch.timeZone,
          published: patch.published,
          },
          select: eventSelect,
        });
      if (!check) return toEventRecord(await write(db));
      const row = await db.$transaction(async (tx) => {
        await lockEvent(tx, id);
        const current = await tx.event.findUnique({ where: { id }, select: eventSelect });
        if (!current) throw new AppError('NOT_FOUND', { userMessage: 'There is no such event.', field: 'eventId' });
        check(toEventRecord(current), await spanOfEventIn(tx, id));
        return write(tx);
      });
      return toEventRecord(row);
    },
    async addOrganiser(eventId, userId) {
      await db.eventOrganiser.upsert({ where: { eventId_userId: { eventId, userId } }, update: {}, create: { eventId, userId } });
    },
    async removeOrganiser(eventId, userId) {
      return db.$transaction(async (tx) => {
        // Locked, the second of two concurrent removals sees the first one's delete (a new snapshot per statement).
        await lockEvent(tx, eventId);
        const removed = await tx.$executeRaw`
          DELETE FROM "event_organiser"
           WHERE event_id = ${eventId}::uuid AND user_id = ${userId}::uuid
             AND EXISTS (SELECT 1 FROM "event_organiser" WHERE event_id = ${eventId}::uuid AND user_id <> ${userId}::uuid)`;
        if (removed > 0) return 'removed';
        return (await tx.eventOrganiser.count({ where: { eventId, userId } })) > 0 ? 'last' : 'absent';
      });
    },
    async findRoom(roomId) {
      return db.room.findUnique({ where: { id: roomId }, select: roomSelect });
    },
    async createRoom(eventId, room) {
      try {
        // The event stays locked from reading the last position to the insert: concurrent creations queue.
        return await db.$transaction(async (tx) => {
          await lockEvent(tx, eventId);
          return tx.room.create({ data: { ...room, eventId, position: await nextPosition(tx, 'room', eventId) }, select: roomSelect });
        });
      } catch (error) {
        throw conflictIfDuplicate(error, { userMessage: `The room name /r/${room.slug} is taken; pick another.`, field: 'slug' });
      }
    },
    async updateRoom(roomId, patch) {
      return db.room.update({ where: { id: roomId }, data: patch, select: roomSelect });
    },
    async reorderRooms(eventId, roomIds) {
      if (!(await setPositions(db, 'room', eventId, roomIds))) return null;
      return db.room.findMany({ where: { eventId }, select: roomSelect, orderBy: [{ position: 'asc' }, { slug: 'asc' }] });
    },
  };
}
