import { bookSessionInputSchema, extendSessionInputSchema, okOutputSchema, sessionIdInputSchema, sessionSchema, updateSessionInputSchema } from '@padmeet/contract';
import type { EventRecord, EventWindow } from '@padmeet/data';
import { checkHeldSessionChange, formatMinutes, toZoned, type SessionChange } from '@padmeet/schedule';
import { AppError } from '@padmeet/util';
import { assertBookable, assertExtendable } from '../services/booking';
import { trackForSessionEdit } from '../services/schedule-access';
import type { ApiContext } from '../context';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** The dates a slot was checked against: the write refuses if an organiser moved them meanwhile. */
const eventWindow = ({ startsOn, endsOn, timeZone }: EventRecord): EventWindow => ({ startsOn, endsOn, timeZone });

async function sessionForEdit(ctx: ApiContext, sessionId: string) {
  const session = await ctx.schedule.sessions.findById(sessionId);
  if (!session) throw new AppError('NOT_FOUND', { userMessage: 'This session no longer exists.', field: 'sessionId' });
  return { session, ...(await trackForSessionEdit(ctx, session.trackId)) };
}

/** A session that has begun keeps what its archive hangs on (checkHeldSessionChange). */
function assertHeldSessionChange(ctx: ApiContext, session: Parameters<typeof checkHeldSessionChange>[0], change: SessionChange): void {
  const problem = checkHeldSessionChange(session, change, ctx.now());
  if (problem) throw new AppError('CONFLICT', { userMessage: problem.message, ...(problem.field && { field: problem.field }) });
}

/** A chair books, moves, extends, edits and cancels their track's sessions (organisers any in their event). */
export const sessionRouter = createTRPCRouter({
  book: protectedProcedure
    .input(bookSessionInputSchema)
    .output(sessionSchema)
    .mutation(async ({ ctx, input }) => {
      const { event } = await trackForSessionEdit(ctx, input.trackId);
      const slot = { startsAt: input.start, endsAt: input.end };
      await assertBookable(ctx, event, input.roomId, slot);
      const session = await ctx.schedule.sessions.create({ trackId: input.trackId, roomId: input.roomId, title: input.title, agenda: input.agenda, ...slot }, eventWindow(event));
      ctx.logger.child({ slotId: session.id }).info({ roomId: input.roomId, by: ctx.viewer?.userId }, 'session booked');
      return session;
    }),

  update: protectedProcedure
    .input(updateSessionInputSchema)
    .output(sessionSchema)
    .mutation(async ({ ctx, input }) => {
      const { session, event } = await sessionForEdit(ctx, input.sessionId);
      const roomId = input.roomId ?? session.roomId;
      const slot = { startsAt: input.start ?? session.startsAt, endsAt: input.end ?? session.endsAt };
      assertHeldSessionChange(ctx, session, { roomId, ...slot });
      if (input.roomId !== undefined || input.start !== undefined || input.end !== undefined) await assertBookable(ctx, event, roomId, slot, session.id);
      const updated = await ctx.schedule.sessions.update(session.id, { roomId, title: input.title, agenda: input.agenda, ...slot }, eventWindow(event));
      ctx.logger.child({ slotId: session.id }).info({ by: ctx.viewer?.userId }, 'session changed');
      return updated;
    }),

  /**
   * The room's "Extend": the session's end moves by 15-minute steps, only into free time (checkExtension,
   * then the database's exclusion constraint against a booking made meanwhile); its chairs, the event's
   * organisers and admins. The write announces itself to the now/next stream, so every countdown moves.
   */
  extend: protectedProcedure
    .input(extendSessionInputSchema)
    .output(sessionSchema)
    .mutation(async ({ ctx, input }) => {
      const { session, event } = await sessionForEdit(ctx, input.sessionId);
      if (session.endsAt.getTime() !== input.from.getTime()) {
        throw new AppError('CONFLICT', { userMessage: `"${session.title}" was changed a moment ago (it now ends at ${formatMinutes(toZoned(session.endsAt, event.timeZone).minutes)}, ${event.timeZone}); look at its new end before extending again.` });
      }
      const endsAt = await assertExtendable(ctx, event, session, input.steps);
      const updated = await ctx.schedule.sessions
        .update(session.id, { endsAt }, eventWindow(event))
        // Booked meanwhile (the exclusion constraint): say by whom, as the check would have.
        .catch(async (error: unknown) => {
          await assertExtendable(ctx, event, session, input.steps);
          throw error;
        });
      ctx.logger.child({ slotId: session.id }).info({ by: ctx.viewer?.userId, endsAt }, 'session extended');
      return updated;
    }),

  cancel: protectedProcedure
    .input(sessionIdInputSchema)
    .output(okOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const { session } = await sessionForEdit(ctx, input.sessionId);
      assertHeldSessionChange(ctx, session, { cancel: true });
      await ctx.schedule.sessions.delete(session.id);
      ctx.logger.child({ slotId: session.id }).info({ by: ctx.viewer?.userId }, 'session cancelled');
      return { ok: true as const };
    }),
});
