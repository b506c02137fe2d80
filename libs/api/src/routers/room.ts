import { randomUUID } from 'node:crypto';
import { joinRoomInputSchema, joinRoomOutputSchema, roomBySlugInputSchema, roomListOutputSchema, roomSummarySchema } from '@padmeet/contract';
import { buildInitialPadText } from '@padmeet/pad';
import { AppError, isAppError } from '@padmeet/util';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const roomRouter = createTRPCRouter({
  list: publicProcedure.output(roomListOutputSchema).query(({ ctx }) => ctx.rooms.listPublished()),

  bySlug: publicProcedure
    .input(roomBySlugInputSchema)
    .output(roomSummarySchema)
    .query(async ({ ctx, input }) => {
      const room = await ctx.rooms.findBySlug(input.slug);
      if (!room) throw new AppError('NOT_FOUND', { userMessage: `There is no room "${input.slug}".` });
      return room;
    }),

  /**
   * Joining a room: its pad (named after the room, created when missing) and a
   * short-lived join token for the SFU. The video works even when Etherpad is down.
   */
  join: publicProcedure
    .input(joinRoomInputSchema)
    .output(joinRoomOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const room = await ctx.rooms.findBySlug(input.slug);
      if (!room) throw new AppError('NOT_FOUND', { userMessage: `There is no room "${input.slug}".`, field: 'slug' });
      const log = ctx.logger.child({ roomId: room.slug });

      const [pad, media] = await Promise.all([
        ctx.pads
          .ensurePad(room.slug, buildInitialPadText({ roomName: room.name, eventName: room.eventName }))
          .then(() => ({ status: 'ready' as const, id: room.slug, url: ctx.pads.padUrl(room.slug) }))
          .catch((error: unknown) => {
            log.warn({ err: error }, 'pad unavailable');
            const message = isAppError(error) ? error.userMessage : 'The notes server is not reachable.';
            return { status: 'unavailable' as const, id: room.slug, message };
          }),
        ctx.authService.issueJoinToken({
          room: room.slug,
          name: input.displayName,
          role: 'guest',
          canPublish: true,
          subject: `guest:${randomUUID()}`,
        }),
      ]);
      return { room, pad, media: { url: ctx.sfuPublicUrl, token: media.token, expiresAt: media.expiresAt } };
    }),
});
