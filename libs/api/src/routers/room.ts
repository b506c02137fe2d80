import {
  joinRoomInputSchema,
  joinRoomOutputSchema,
  openNotesInputSchema,
  openNotesOutputSchema,
  refreshMediaInputSchema,
  refreshMediaOutputSchema,
  roomBySlugInputSchema,
  roomListOutputSchema,
  roomSummarySchema,
} from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { enterRoom, notesPersonOf, notesValidUntil, openRoomNotes, personOf } from '../services/notes';
import { limitRoomRequest } from '../services/room-limits';
import { issueMediaToken } from '../services/room-media';
import { createTRPCRouter, publicProcedure } from '../trpc';

// Who may enter a room, with which grants and until when: decideRoomEntry (libs/schedule), through enterRoom.
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
   * Joining a room: a short-lived join token for the SFU and, unless asked not to, the room's
   * notes (its pad and an Etherpad session for this person lasting as long). The video works
   * even when Etherpad is down. Limited per client address (ROOM_RATE_LIMITS).
   */
  join: publicProcedure
    .input(joinRoomInputSchema)
    .output(joinRoomOutputSchema)
    .mutation(async ({ ctx, input }) => {
      limitRoomRequest(ctx, 'join');
      const { room, access, admission } = await enterRoom(ctx, input.slug);
      const person = personOf(ctx, input.displayName);
      const [pad, media] = await Promise.all([
        input.withNotes ? openRoomNotes(ctx, room, access, person, notesValidUntil(ctx, admission)) : undefined,
        issueMediaToken(ctx, room, admission, person),
      ]);
      return { room, pad, media: { url: ctx.sfuPublicUrl, token: media.token, expiresAt: media.expiresAt } };
    }),

  /**
   * A fresh join token for the call this browser is in (sent to the SFU before the current one
   * expires): the same room and person, the same decision as a join.
   */
  refreshMedia: publicProcedure
    .input(refreshMediaInputSchema)
    .output(refreshMediaOutputSchema)
    .mutation(async ({ ctx, input }) => {
      limitRoomRequest(ctx, 'refreshMedia');
      const { room, admission } = await enterRoom(ctx, input.slug);
      return issueMediaToken(ctx, room, admission, personOf(ctx, input.displayName, { existingGuest: true }));
    }),

  /**
   * A room's notes without joining the call (/r/<room>/notes, the address to prepare and read
   * notes), and the renewal of a pad session before it ends (the room page asks again). Limited
   * per client address (ROOM_RATE_LIMITS), on a budget of its own.
   */
  openNotes: publicProcedure
    .input(openNotesInputSchema)
    .output(openNotesOutputSchema)
    .mutation(async ({ ctx, input }) => {
      limitRoomRequest(ctx, 'openNotes');
      const { room, access, admission } = await enterRoom(ctx, input.slug);
      const person = notesPersonOf(ctx, input.displayName);
      return { room, notes: await openRoomNotes(ctx, room, access, person, notesValidUntil(ctx, admission)) };
    }),
});
