import {
  addTrackChairInputSchema,
  createTrackInputSchema,
  okOutputSchema,
  removeTrackChairInputSchema,
  reorderTracksInputSchema,
  reorderTracksOutputSchema,
  trackChairSchema,
  trackChairsInputSchema,
  trackChairsOutputSchema,
  trackSchema,
  updateTrackInputSchema,
} from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { applyOrder, eventForEdit } from '../services/schedule-access';
import type { ApiContext } from '../context';
import { createTRPCRouter, protectedProcedure } from '../trpc';

async function trackForEventEdit(ctx: ApiContext, trackId: string) {
  const track = await ctx.schedule.tracks.findById(trackId);
  if (!track) throw new AppError('NOT_FOUND', { userMessage: 'There is no such track.', field: 'trackId' });
  return { track, event: await eventForEdit(ctx, track.eventId) };
}

/** Tracks and their chairs: the event's organisers manage them. */
export const trackRouter = createTRPCRouter({
  create: protectedProcedure
    .input(createTrackInputSchema)
    .output(trackSchema)
    .mutation(async ({ ctx, input }) => {
      const event = await eventForEdit(ctx, input.eventId);
      const track = await ctx.schedule.tracks.create(event.id, { slug: input.slug, name: input.name, color: input.color });
      return track;
    }),

  update: protectedProcedure
    .input(updateTrackInputSchema)
    .output(trackSchema)
    .mutation(async ({ ctx, input }) => {
      await trackForEventEdit(ctx, input.trackId);
      const { trackId, ...patch } = input;
      const track = await ctx.schedule.tracks.update(trackId, patch);
      return track;
    }),

  /** The order of the track filter and lists: every track of the event, once. */
  reorder: protectedProcedure
    .input(reorderTracksInputSchema)
    .output(reorderTracksOutputSchema)
    .mutation(({ ctx, input }) => applyOrder(ctx, input.eventId, 'tracks', (eventId) => ctx.schedule.tracks.reorder(eventId, input.trackIds))),

  /**
   * The chairs of the event's tracks with their usernames, for its organisers
   * (the public schedule carries no account names). Read from the database, not
   * the schedule snapshot, so a chair just added is listed at once.
   */
  chairs: protectedProcedure
    .input(trackChairsInputSchema)
    .output(trackChairsOutputSchema)
    .query(async ({ ctx, input }) => {
      const event = await eventForEdit(ctx, input.eventId);
      return ctx.schedule.tracks.listChairs(event.id);
    }),

  addChair: protectedProcedure
    .input(addTrackChairInputSchema)
    .output(trackChairSchema)
    .mutation(async ({ ctx, input }) => {
      await trackForEventEdit(ctx, input.trackId);
      const chair = await ctx.schedule.tracks.addChairByUsername(input.trackId, input.username);
      if (!chair) throw new AppError('NOT_FOUND', { userMessage: `There is no account named "${input.username}".`, field: 'username' });
      return chair;
    }),

  removeChair: protectedProcedure
    .input(removeTrackChairInputSchema)
    .output(okOutputSchema)
    .mutation(async ({ ctx, input }) => {
      await trackForEventEdit(ctx, input.trackId);
      await ctx.schedule.tracks.removeChair(input.trackId, input.userId);
      return { ok: true as const };
    }),
});
