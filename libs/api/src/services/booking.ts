import type { EventRecord } from '@padmeet/data';
import { checkExtension, checkSlot, extendedEnd, type BookedSlot, type Interval } from '@padmeet/schedule';
import { AppError } from '@padmeet/util';
import type { ApiContext } from '../context';

const DAY = 86_400_000;

/**
 * Checks a slot for a track's session before writing it: the room belongs to
 * the track's event, the slot obeys the rules, the room is free (the database
 * checks that last one again, atomically, against concurrent bookings).
 * Errors name the form field they belong to.
 */
export async function assertBookable(ctx: ApiContext, event: EventRecord, roomId: string, slot: Interval, exceptSessionId?: string): Promise<void> {
  const room = await ctx.schedule.events.findRoom(roomId);
  if (!room) throw new AppError('BAD_INPUT', { userMessage: 'There is no such room.', field: 'roomId' });
  if (room.eventId !== event.id) throw new AppError('BAD_INPUT', { userMessage: `The room "${room.name}" belongs to another event; pick a room of ${event.name}.`, field: 'roomId' });
  const nearby = await ctx.schedule.sessions.listInRoom(roomId, new Date(slot.startsAt.getTime() - DAY), new Date(slot.endsAt.getTime() + DAY));
  const problem = checkSlot(
    slot,
    event,
    nearby.filter((s) => s.id !== exceptSessionId),
  );
  if (problem) throw new AppError(problem.reason === 'taken' ? 'CONFLICT' : 'BAD_INPUT', { userMessage: problem.message, field: problem.field });
}

/**
 * Checks an extension of `session` by `steps` quarter hours (checkExtension: not ended, free time in
 * its room, the event's days) and answers the new end. The database checks the room again on write.
 */
export async function assertExtendable(ctx: ApiContext, event: EventRecord, session: BookedSlot & { roomId: string }, steps: number): Promise<Date> {
  const endsAt = extendedEnd(session, steps);
  const nearby = await ctx.schedule.sessions.listInRoom(session.roomId, session.startsAt, new Date(endsAt.getTime() + DAY));
  const problem = checkExtension(session, steps, event, nearby, ctx.now());
  if (problem) throw new AppError(problem.reason === 'invalid' ? 'BAD_INPUT' : 'CONFLICT', { userMessage: problem.message, field: 'end' });
  return endsAt;
}
