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
      const policy = await ctx.rooms.findJoinPolicy(input.slug, new Date(ctx.now()));
      if (!room || !policy) throw new AppError('NOT_FOUND', { userMessage: `There is no room "${input.slug}".`, field: 'slug' });
      if (policy.membersOnly && !ctx.viewer) {
        throw new AppError('FORBIDDEN', { userMessage: 'This room is for members only: please sign in to join.' });
      }
      const log = ctx.logger.child({ roomId: room.slug });
      // Signed in: the account's name, role and id; otherwise a guest with the pseudonym given.
      const identity = ctx.viewer
        ? { name: ctx.viewer.displayName ?? ctx.viewer.username, role: ctx.viewer.role, subject: ctx.viewer.userId }
        : { name: input.displayName, role: 'guest' as const, subject: `guest:${randomUUID()}` };

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
          ...identity,
          canPublish: true,
          // A token never outlives the session running in the room (auth adds a short grace);
          // outside sessions it lives its default 10 minutes.
          notAfter: policy.sessionEndsAt?.getTime(),
        }),
      ]);
      return { room, pad, media: { url: ctx.sfuPublicUrl, token: media.token, expiresAt: media.expiresAt } };
    }),
});
