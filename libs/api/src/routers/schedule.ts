import { freeSlotsInputSchema, freeSlotsOutputSchema, nowNextOutputSchema, scheduleInputSchema, scheduleOutputSchema } from '@padmeet/contract';
import type { EventSchedule } from '@padmeet/data';
import { canViewEvent, dayWindow, eventBounds, freeSlots } from '@padmeet/schedule';
import { AppError } from '@padmeet/util';
import type { ApiContext } from '../context';
import { nowNextView, scheduleView } from '../services/schedule-views';
import { createTRPCRouter, publicProcedure } from '../trpc';

async function visibleSchedule(ctx: ApiContext, eventSlug: string): Promise<EventSchedule> {
  const schedule = await ctx.schedule.live.get(eventSlug, ctx.clientIp);
  if (!schedule || !canViewEvent(ctx.viewer, schedule.event)) throw new AppError('NOT_FOUND', { userMessage: `There is no event "${eventSlug}".` });
  return schedule;
}

/** Reading schedules: the grid, now/next and free slots. */
export const scheduleRouter = createTRPCRouter({
  get: publicProcedure
    .input(scheduleInputSchema)
    .output(scheduleOutputSchema)
    .query(async ({ ctx, input }) => scheduleView(await visibleSchedule(ctx, input.eventSlug), ctx.viewer)),

  nowNext: publicProcedure
    .input(scheduleInputSchema)
    .output(nowNextOutputSchema)
    .query(async ({ ctx, input }) => nowNextView(await visibleSchedule(ctx, input.eventSlug), new Date(ctx.now()))),

  /** Free gaps of one room on one day of the event (the day in the event's zone). */
  freeSlots: publicProcedure
    .input(freeSlotsInputSchema)
    .output(freeSlotsOutputSchema)
    .query(async ({ ctx, input }) => {
      const schedule = await visibleSchedule(ctx, input.eventSlug);
      const { event } = schedule;
      if (!schedule.rooms.some((room) => room.id === input.roomId)) throw new AppError('BAD_INPUT', { userMessage: 'That room is not part of this event.', field: 'roomId' });
      if (input.date < event.startsOn || input.date > event.endsOn) {
        throw new AppError('BAD_INPUT', { userMessage: `The event runs from ${event.startsOn} to ${event.endsOn}.`, field: 'date' });
      }
      const day = dayWindow(input.date, event.timeZone);
      const bounds = eventBounds(event);
      const window = { startsAt: new Date(Math.max(day.startsAt.getTime(), bounds.startsAt.getTime())), endsAt: new Date(Math.min(day.endsAt.getTime(), bounds.endsAt.getTime())) };
      return freeSlots(
        window,
        schedule.sessions.filter((s) => s.roomId === input.roomId),
      );
    }),
});
