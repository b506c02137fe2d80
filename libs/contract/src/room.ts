import { z } from 'zod';

/**
 * A room slug is a URL path segment and the Etherpad pad ID at once, so it is
 * lower-case ASCII, digits and single dashes: predictable URLs such as
 * /r/zuul-v5-planning and /p/zuul-v5-planning.
 */
export const roomSlugSchema = z
  .string()
  .min(2, 'Room names are at least 2 characters')
  .max(50, 'Room names are at most 50 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single dashes (e.g. zuul-planning)');
export type RoomSlug = z.infer<typeof roomSlugSchema>;

/** A person's name in a room: a guest's pseudonym or an account's display name. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Please enter a name')
  .max(64, 'Names are at most 64 characters')
  .refine((value) => !/[\p{Cc}<>]/u.test(value), 'Names cannot contain control characters or < >');

export const roomSummarySchema = z.object({
  slug: roomSlugSchema,
  name: z.string(),
  capacity: z.number().int().positive().nullable(),
  eventName: z.string(),
  /** Where the event's schedule and now/next live: /e/<eventSlug>. */
  eventSlug: z.string(),
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

export const roomListOutputSchema = z.array(roomSummarySchema);

export const roomBySlugInputSchema = z.object({ slug: roomSlugSchema });

export const joinRoomInputSchema = z.object({
  slug: roomSlugSchema,
  /** Guests give a pseudonym; signed-in users' names come from their account. */
  displayName: displayNameSchema,
});

export const joinRoomOutputSchema = z.object({
  room: roomSummarySchema,
  /** The room's notes: ready, or unavailable (Etherpad down) with a message; the video works either way. */
  pad: z.discriminatedUnion('status', [
    /** Absolute, or a path on the web app's own origin (its /pad proxy). */
    z.object({ status: z.literal('ready'), id: z.string(), url: z.string().regex(/^(https?:\/\/|\/)/) }),
    z.object({ status: z.literal('unavailable'), id: z.string(), message: z.string() }),
  ]),
  media: z.object({ url: z.string(), token: z.string(), expiresAt: z.number().int() }),
});
export type JoinRoomOutput = z.infer<typeof joinRoomOutputSchema>;
