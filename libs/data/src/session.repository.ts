import type { Session } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Db } from './client';
import { isExclusionViolation } from './db-values';

export interface SessionRecord extends Session {
  eventId: string;
}

export interface NewSession {
  trackId: string;
  roomId: string;
  title: string;
  agenda: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SessionPatch {
  roomId?: string;
  title?: string;
  agenda?: string;
  startsAt?: Date;
  endsAt?: Date;
}

/** A room's booking, enough to check a new slot against it. */
export interface RoomBooking {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

export interface SessionRepository {
  findById(id: string): Promise<SessionRecord | null>;
  /** Bookings of a room overlapping [from, to). */
  listInRoom(roomId: string, from: Date, to: Date): Promise<RoomBooking[]>;
  /** Throws AppError CONFLICT (field `start`) when the room is taken, even by a concurrent booking. */
  create(session: NewSession): Promise<SessionRecord>;
  /** Bumps the iCal sequence. Same CONFLICT as create. */
  update(id: string, patch: SessionPatch): Promise<SessionRecord>;
  delete(id: string): Promise<void>;
  /** The event's session that starts first and the one that ends last; null when none is booked. */
  spanOfEvent(eventId: string): Promise<{ first: RoomBooking; last: RoomBooking } | null>;
}

export const sessionSelect = {
  id: true,
  trackId: true,
  roomId: true,
  title: true,
  agenda: true,
  startsAt: true,
  endsAt: true,
  sequence: true,
  updatedAt: true,
  room: { select: { eventId: true } },
} as const;

type SessionRow = Session & { room: { eventId: string } };

export function toSessionRecord(row: SessionRow): SessionRecord {
  const { room, ...rest } = row;
  return { ...rest, eventId: room.eventId };
}

function roomTaken(error: unknown): never {
  if (isExclusionViolation(error, 'session_no_overlap_in_room')) {
    throw new AppError('CONFLICT', {
      userMessage: 'Someone else booked this room for an overlapping time a moment ago; pick another free slot.',
      field: 'start',
      cause: error,
    });
  }
  throw error;
}

export function createSessionRepository(db: Db): SessionRepository {
  return {
    async findById(id) {
      const row = await db.session.findUnique({ where: { id }, select: sessionSelect });
      return row ? toSessionRecord(row) : null;
    },
    async listInRoom(roomId, from, to) {
      return db.session.findMany({
        where: { roomId, startsAt: { lt: to }, endsAt: { gt: from } },
        select: { id: true, title: true, startsAt: true, endsAt: true },
        orderBy: { startsAt: 'asc' },
      });
    },
    async create(session) {
      const row = await db.session.create({ data: session, select: sessionSelect }).catch(roomTaken);
      return toSessionRecord(row);
    },
    async update(id, patch) {
      const row = await db.session.update({ where: { id }, data: { ...patch, sequence: { increment: 1 } }, select: sessionSelect }).catch(roomTaken);
      return toSessionRecord(row);
    },
    async delete(id) {
      await db.session.deleteMany({ where: { id } });
    },
    async spanOfEvent(eventId) {
      const where = { room: { eventId } };
      const select = { id: true, title: true, startsAt: true, endsAt: true } as const;
      const [first, last] = await Promise.all([
        db.session.findFirst({ where, select, orderBy: { startsAt: 'asc' } }),
        db.session.findFirst({ where, select, orderBy: { endsAt: 'desc' } }),
      ]);
      return first && last ? { first, last } : null;
    },
  };
}
