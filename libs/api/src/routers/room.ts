import { joinRoomInputSchema, joinRoomOutputSchema, openNotesInputSchema, openNotesOutputSchema, roomBySlugInputSchema, roomListOutputSchema, roomSummarySchema } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { enterRoom, notesValidUntil, openRoomNotes, personOf } from '../services/notes';
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
   * Joining a room: its notes (the room's pad and an Etherpad session for this person) and a
   * short-lived join token for the SFU, both lasting as long. The video works even when
   * Etherpad is down.
   */
  join: publicProcedure
    .input(joinRoomInputSchema)
    .output(joinRoomOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const { room, access } = await enterRoom(ctx, input.slug);
      const person = personOf(ctx, input.displayName);
      const [pad, media] = await Promise.all([
        openRoomNotes(ctx, room, access, person, notesValidUntil(ctx, access)),
        ctx.authService.issueJoinToken({
          room: room.slug,
          name: person.name,
          role: ctx.viewer?.role ?? 'guest',
          subject: person.subject,
          canPublish: true,
          // A token never outlives the session running in the room (auth adds a short grace);
          // outside sessions it lives its default 10 minutes. The pad session ends with it.
          notAfter: access.session?.endsAt.getTime(),
        }),
      ]);
      return { room, pad, media: { url: ctx.sfuPublicUrl, token: media.token, expiresAt: media.expiresAt } };
    }),

  /**
   * A room's notes without joining the call (/r/<room>/notes, the address to prepare and read
   * notes), and the renewal of a pad session before it ends (the room page asks again).
   */
  openNotes: publicProcedure
    .input(openNotesInputSchema)
    .output(openNotesOutputSchema)
    .mutation(async ({ ctx, input }) => {
      const { room, access } = await enterRoom(ctx, input.slug);
      const person = personOf(ctx, input.displayName);
      return { room, notes: await openRoomNotes(ctx, room, access, person, notesValidUntil(ctx, access)) };
    }),
});
