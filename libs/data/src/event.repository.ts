import type { CreateEventInput, EventRoom, EventSummary } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Db } from './client';
import { fromDbDate, isUniqueViolation, toDbDate } from './db-values';
import { setPositions } from './positions';

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
  update(id: string, patch: EventPatch): Promise<EventRecord>;
  addOrganiser(eventId: string, userId: string): Promise<void>;
  removeOrganiser(eventId: string, userId: string): Promise<void>;
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
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', { userMessage: `There is already an event at /e/${input.slug}.`, field: 'slug', cause: error });
        throw error;
      }
    },
    async update(id, patch) {
      const row = await db.event.update({
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
      return toEventRecord(row);
    },
    async addOrganiser(eventId, userId) {
      await db.eventOrganiser.upsert({ where: { eventId_userId: { eventId, userId } }, update: {}, create: { eventId, userId } });
    },
    async removeOrganiser(eventId, userId) {
      await db.eventOrganiser.deleteMany({ where: { eventId, userId } });
    },
    async findRoom(roomId) {
      return db.room.findUnique({ where: { id: roomId }, select: roomSelect });
    },
    async createRoom(eventId, room) {
      try {
        const last = await db.room.aggregate({ where: { eventId }, _max: { position: true } });
        return await db.room.create({ data: { ...room, eventId, position: (last._max.position ?? -1) + 1 }, select: roomSelect });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', { userMessage: `The room name /r/${room.slug} is taken; pick another.`, field: 'slug', cause: error });
        throw error;
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
