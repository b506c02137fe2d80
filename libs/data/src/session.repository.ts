import type { Session } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { Db } from './client';
import { fromDbDate, isDeadlock, isExclusionViolation } from './db-values';
import type { DbClient } from './positions';

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

/** The event's session that starts first and the one that ends last. */
export interface SessionSpan {
  first: RoomBooking;
  last: RoomBooking;
}

/** The event's dates and zone as the caller checked a slot against them (see create). */
export interface EventWindow {
  startsOn: string;
  endsOn: string;
  timeZone: string;
}

export interface SessionRepository {
  findById(id: string): Promise<SessionRecord | null>;
  /** Bookings of a room overlapping [from, to). */
  listInRoom(roomId: string, from: Date, to: Date): Promise<RoomBooking[]>;
  /**
   * Throws AppError CONFLICT (field `start`) when the room is taken, even by a concurrent booking.
   * With `window` (the event's dates the slot was checked against), the write takes a share lock on
   * the event and throws CONFLICT when its dates are no longer those: an event update moving them
   * concurrently cannot leave this session outside (EventRepository.update locks the event too).
   */
  create(session: NewSession, window?: EventWindow): Promise<SessionRecord>;
  /** Bumps the iCal sequence. Same CONFLICTs as create. */
  update(id: string, patch: SessionPatch, window?: EventWindow): Promise<SessionRecord>;
  delete(id: string): Promise<void>;
  /** The event's session that starts first and the one that ends last; null when none is booked. */
  spanOfEvent(eventId: string): Promise<SessionSpan | null>;
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

/** At most this many tries of one write that PostgreSQL aborted to break a deadlock. */
const DEADLOCK_TRIES = 5;

/**
 * A booking write, tried again when PostgreSQL aborted it to break a deadlock (two bookings racing
 * for overlapping times in one room): the try after it meets the other's committed row (CONFLICT)
 * or, if that one went away, succeeds.
 */
async function untilNoDeadlock<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= DEADLOCK_TRIES || !isDeadlock(error)) throw error;
    }
  }
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

const spanSelect = { id: true, title: true, startsAt: true, endsAt: true } as const;

/** SessionRepository.spanOfEvent, on a client or inside a transaction. */
export async function spanOfEventIn(client: DbClient, eventId: string): Promise<SessionSpan | null> {
  const where = { room: { eventId } };
  const first = await client.session.findFirst({ where, select: spanSelect, orderBy: { startsAt: 'asc' } });
  const last = await client.session.findFirst({ where, select: spanSelect, orderBy: { endsAt: 'desc' } });
  return first && last ? { first, last } : null;
}

/**
 * Share-locks the event of `roomId` until the transaction ends and refuses (CONFLICT) when its
 * dates are no longer `window`: the slot was checked against dates an organiser has just changed.
 */
async function holdEventWindow(tx: DbClient, roomId: string, window: EventWindow): Promise<void> {
  const rows = await tx.$queryRaw<{ starts_on: Date; ends_on: Date; time_zone: string }[]>`
    SELECT e.starts_on, e.ends_on, e.time_zone FROM "event" e JOIN "room" r ON r.event_id = e.id WHERE r.id = ${roomId}::uuid FOR SHARE OF e`;
  const current = rows[0];
  if (!current || fromDbDate(current.starts_on) !== window.startsOn || fromDbDate(current.ends_on) !== window.endsOn || current.time_zone !== window.timeZone) {
    throw new AppError('CONFLICT', { userMessage: "The event's dates changed a moment ago; reload the page and pick the slot again.", field: 'start' });
  }
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
    async create(session, window) {
      const write = (client: DbClient) => client.session.create({ data: session, select: sessionSelect });
      const row = await untilNoDeadlock(() =>
        window
          ? db.$transaction(async (tx) => {
              await holdEventWindow(tx, session.roomId, window);
              return write(tx);
            })
          : write(db),
      ).catch(roomTaken);
      return toSessionRecord(row);
    },
    async update(id, patch, window) {
      const write = (client: DbClient) => client.session.update({ where: { id }, data: { ...patch, sequence: { increment: 1 } }, select: sessionSelect });
      const row = await untilNoDeadlock(() =>
        window
          ? db.$transaction(async (tx) => {
              const roomId = patch.roomId ?? (await tx.session.findUnique({ where: { id }, select: { roomId: true } }))?.roomId;
              if (roomId) await holdEventWindow(tx, roomId, window);
              return write(tx);
            })
          : write(db),
      ).catch(roomTaken);
      return toSessionRecord(row);
    },
    async delete(id) {
      await db.session.deleteMany({ where: { id } });
    },
    spanOfEvent: (eventId) => spanOfEventIn(db, eventId),
  };
}
