import {
  createEventInputSchema,
  createRoomInputSchema,
  eventBySlugInputSchema,
  eventExistsOutputSchema,
  eventListOutputSchema,
  eventRoomSchema,
  eventSummarySchema,
  okOutputSchema,
  organiserInputSchema,
  reorderRoomsInputSchema,
  reorderRoomsOutputSchema,
  updateEventInputSchema,
  updateRoomInputSchema,
} from '@padmeet/contract';
import { canCreateEvent, canViewEvent, checkEventWindow } from '@padmeet/schedule';
import { AppError } from '@padmeet/util';
import { applyOrder, eventForEdit, scheduleWritten } from '../services/schedule-access';
import { createTRPCRouter, organiserProcedure, protectedProcedure, publicProcedure } from '../trpc';

/** Events and their rooms: organisers create and edit; everyone reads published ones. */
export const eventRouter = createTRPCRouter({
  list: publicProcedure.output(eventListOutputSchema).query(({ ctx }) => ctx.schedule.events.listPublished()),

  bySlug: publicProcedure
    .input(eventBySlugInputSchema)
    .output(eventSummarySchema)
    .query(async ({ ctx, input }) => {
      const event = await ctx.schedule.events.findBySlug(input.slug);
      if (!event || !canViewEvent(ctx.viewer, event)) throw new AppError('NOT_FOUND', { userMessage: `There is no event "${input.slug}".` });
      return event;
    }),

  /**
   * Whether there is an event at this slug, draft or not: the public schedule page answers 404 for no
   * event and leaves a draft to its organisers' browsers (the page is shared by every visitor).
   */
  exists: publicProcedure
    .input(eventBySlugInputSchema)
    .output(eventExistsOutputSchema)
    .query(async ({ ctx, input }) => ({ exists: (await ctx.schedule.events.findBySlug(input.slug)) !== null })),

  create: organiserProcedure
    .input(createEventInputSchema)
    .output(eventSummarySchema)
    .mutation(async ({ ctx, input }) => {
      if (!canCreateEvent(ctx.viewer)) throw new AppError('FORBIDDEN', { userMessage: 'Only organisers can create events.' });
      const event = await ctx.schedule.events.create(input, ctx.viewer.userId);
      // Someone may have opened /e/<slug> before it existed: that snapshot and page go too.
      scheduleWritten(ctx, event.slug);
      return event;
    }),

  update: protectedProcedure
    .input(updateEventInputSchema)
    .output(eventSummarySchema)
    .mutation(async ({ ctx, input }) => {
      await eventForEdit(ctx, input.eventId);
      const { eventId, ...patch } = input;
      // Checked against the event and its sessions as they are while the event is locked: no booking slips in between.
      const updated = await ctx.schedule.events.update(eventId, patch, (current, span) => {
        const next = { startsOn: patch.startsOn ?? current.startsOn, endsOn: patch.endsOn ?? current.endsOn, timeZone: patch.timeZone ?? current.timeZone };
        if (next.startsOn === current.startsOn && next.endsOn === current.endsOn && next.timeZone === current.timeZone) return;
        const problem = checkEventWindow(next, current, span);
        if (problem) throw new AppError('BAD_INPUT', { userMessage: problem.message, field: problem.field });
      });
      return updated;
    }),

  addOrganiser: protectedProcedure
    .input(organiserInputSchema)
    .output(okOutputSchema)
    .mutation(async ({ ctx, input }) => {
      await eventForEdit(ctx, input.eventId);
      await ctx.schedule.events.addOrganiser(input.eventId, input.userId);
      return { ok: true as const };
    }),

  removeOrganiser: protectedProcedure
    .input(organiserInputSchema)
    .output(okOutputSchema)
    .mutation(async ({ ctx, input }) => {
      await eventForEdit(ctx, input.eventId);
      if ((await ctx.schedule.events.removeOrganiser(input.eventId, input.userId)) === 'last') {
        throw new AppError('BAD_INPUT', { userMessage: 'An event keeps at least one organiser.', field: 'userId' });
      }
      return { ok: true as const };
    }),

  createRoom: protectedProcedure
    .input(createRoomInputSchema)
    .output(eventRoomSchema)
    .mutation(async ({ ctx, input }) => {
      const event = await eventForEdit(ctx, input.eventId);
      const room = await ctx.schedule.events.createRoom(event.id, { slug: input.slug, name: input.name, capacity: input.capacity });
      return room;
    }),

  updateRoom: protectedProcedure
    .input(updateRoomInputSchema)
    .output(eventRoomSchema)
    .mutation(async ({ ctx, input }) => {
      const room = await ctx.schedule.events.findRoom(input.roomId);
      if (!room) throw new AppError('NOT_FOUND', { userMessage: 'There is no such room.', field: 'roomId' });
      await eventForEdit(ctx, room.eventId);
      const { roomId, ...patch } = input;
      const updated = await ctx.schedule.events.updateRoom(roomId, patch);
      return updated;
    }),

  /** The grid's columns, left to right: every room of the event, once. */
  reorderRooms: protectedProcedure
    .input(reorderRoomsInputSchema)
    .output(reorderRoomsOutputSchema)
    .mutation(({ ctx, input }) => applyOrder(ctx, input.eventId, 'rooms', (eventId) => ctx.schedule.events.reorderRooms(eventId, input.roomIds))),
});
