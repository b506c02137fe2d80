import { createTrackInputSchema, okOutputSchema, trackChairInputSchema, trackSchema, updateTrackInputSchema } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { eventForEdit } from '../services/schedule-access';
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
      ctx.schedule.live.changed(event.slug);
      return track;
    }),

  update: protectedProcedure
    .input(updateTrackInputSchema)
    .output(trackSchema)
    .mutation(async ({ ctx, input }) => {
      const { event } = await trackForEventEdit(ctx, input.trackId);
      const { trackId, ...patch } = input;
      const track = await ctx.schedule.tracks.update(trackId, patch);
      ctx.schedule.live.changed(event.slug);
      return track;
    }),

  addChair: protectedProcedure
    .input(trackChairInputSchema)
    .output(okOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const { event } = await trackForEventEdit(ctx, input.trackId);
      await ctx.schedule.tracks.addChair(input.trackId, input.userId);
      ctx.schedule.live.changed(event.slug);
      return { ok: true as const };
    }),

  removeChair: protectedProcedure
    .input(trackChairInputSchema)
    .output(okOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const { event } = await trackForEventEdit(ctx, input.trackId);
      await ctx.schedule.tracks.removeChair(input.trackId, input.userId);
      ctx.schedule.live.changed(event.slug);
      return { ok: true as const };
    }),
});
