import { z } from 'zod';
import { displayNameSchema, roomSlugSchema } from './room';

/**
 * Raised hands and chat in a room (issue 11). Writes go through tRPC (`roomActivity.*`); everyone
 * in the room receives them live on the room's now/next stream
 * (`/api/events/<event>/now-next?room=<room>`, SSE events `hands` and `chat`, see
 * `roomActivityStreamEvents`), after the server checked that the stream's viewer may enter the room.
 */

/** Longest chat message, in characters. */
export const CHAT_MAX_LENGTH = 1000;
/** Messages a late joiner receives (the room's latest). */
export const CHAT_HISTORY_LIMIT = 100;

/** A person's subject: account id, or `guest:<hash>` (the join token's `sub`). */
export const subjectSchema = z.string().min(1).max(80);

/** A chat message as typed: plain text (never HTML), newlines allowed, no other control characters. */
export const chatTextSchema = z
  .string()
  .trim()
  .min(1, 'Type a message first')
  .max(CHAT_MAX_LENGTH, `Messages are at most ${CHAT_MAX_LENGTH} characters`)
  // Control characters other than line breaks and tabs.
  .refine((value) => !/[^\P{Cc}\n\r\t]/u.test(value), 'Messages cannot contain control characters');

/** `displayName`: guests' pseudonym (signed-in people's name comes from their account, like room.join). */
export const sendChatInputSchema = z.object({ slug: roomSlugSchema, displayName: displayNameSchema, text: chatTextSchema });
export const raiseHandInputSchema = z.object({ slug: roomSlugSchema, displayName: displayNameSchema });
export const lowerHandInputSchema = z.object({ slug: roomSlugSchema, subject: subjectSchema });
export const lowerAllHandsInputSchema = z.object({ slug: roomSlugSchema });
/** `afterId`: only messages after this one (a stream catching up); otherwise the latest CHAT_HISTORY_LIMIT. */
export const roomActivityInputSchema = z.object({ slug: roomSlugSchema, afterId: z.string().regex(/^\d{1,19}$/).optional() });

export const raisedHandSchema = z.object({
  subject: subjectSchema,
  name: z.string(),
  /** ISO instant the hand went up. */
  raisedAt: z.string(),
});
export type RaisedHand = z.infer<typeof raisedHandSchema>;

export const chatMessageSchema = z.object({
  /** Decimal string (a bigint): orders the room's messages. */
  id: z.string(),
  subject: subjectSchema,
  name: z.string(),
  text: z.string(),
  /** ISO instant. */
  sentAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** The hands queue of the room now: its session's (null: the hallway's), in the order hands went up. */
export const handsEventSchema = z.object({ sessionId: z.string().nullable(), hands: z.array(raisedHandSchema) });
export type HandsEvent = z.infer<typeof handsEventSchema>;

/** New chat messages, oldest first (on connect: the latest CHAT_HISTORY_LIMIT). */
export const chatEventSchema = z.object({ messages: z.array(chatMessageSchema) });
export type ChatEvent = z.infer<typeof chatEventSchema>;

/** Who is reading: their subject (null for a guest who has not joined from this browser) and whether they moderate the room. */
export const roomActivityViewerSchema = z.object({ subject: subjectSchema.nullable(), moderator: z.boolean() });
export type RoomActivityViewer = z.infer<typeof roomActivityViewerSchema>;

export const roomActivityOutputSchema = z.object({
  you: roomActivityViewerSchema,
  hands: handsEventSchema,
  chat: chatEventSchema,
});
export type RoomActivity = z.infer<typeof roomActivityOutputSchema>;

export const handsOutputSchema = handsEventSchema;
export const sendChatOutputSchema = chatMessageSchema;

/** The SSE events of a room's stream (beside now/next's `message` and `schedule`), each with its data schema. */
export const roomActivityStreamEvents = {
  /** Sent first, and again on each resync: the viewer's standing. */
  you: roomActivityViewerSchema,
  hands: handsEventSchema,
  chat: chatEventSchema,
} as const;
export type RoomActivityStreamEvent = keyof typeof roomActivityStreamEvents;
