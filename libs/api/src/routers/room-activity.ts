import {
  handsOutputSchema,
  lowerAllHandsInputSchema,
  lowerHandInputSchema,
  raiseHandInputSchema,
  roomActivityInputSchema,
  roomActivityOutputSchema,
  sendChatInputSchema,
  sendChatOutputSchema,
} from '@padmeet/contract';
import { actOnHands, readRoomActivity, sendChatMessage } from '../services/room-activity';
import { createTRPCRouter, publicProcedure } from '../trpc';

// Raised hands and chat (issue 11): each call is decided like room.join (decideRoomEntry, through
// enterRoom), acts as the person the request proves, and reaches the room's streams live.
export const roomActivityRouter = createTRPCRouter({
  /** The hands queue, the latest chat messages (or those after `afterId`) and the reader's standing. */
  read: publicProcedure
    .input(roomActivityInputSchema)
    .output(roomActivityOutputSchema)
    .query(({ ctx, input }) => readRoomActivity(ctx, input.slug, input.afterId)),

  /** The person's hand up, at the back of the queue (already up: it keeps its place). */
  raiseHand: publicProcedure
    .input(raiseHandInputSchema)
    .output(handsOutputSchema)
    .mutation(({ ctx, input }) => actOnHands(ctx, input.slug, { kind: 'raise', displayName: input.displayName })),

  /** A hand down: one's own, or anyone's for the room's moderators (chair, organisers, admins). */
  lowerHand: publicProcedure
    .input(lowerHandInputSchema)
    .output(handsOutputSchema)
    .mutation(({ ctx, input }) => actOnHands(ctx, input.slug, { kind: 'lower', subject: input.subject })),

  /** Every hand down: the room's moderators only. */
  lowerAllHands: publicProcedure
    .input(lowerAllHandsInputSchema)
    .output(handsOutputSchema)
    .mutation(({ ctx, input }) => actOnHands(ctx, input.slug, { kind: 'lower-all' })),

  /** A plain-text message to the room (limited per person). */
  sendChat: publicProcedure
    .input(sendChatInputSchema)
    .output(sendChatOutputSchema)
    .mutation(({ ctx, input }) => sendChatMessage(ctx, input)),
});
