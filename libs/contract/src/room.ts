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
  /**
   * Open the notes in the same request (default). The room page says false and opens them with
   * `room.openNotes` once the join answered, so the first picture never waits for Etherpad.
   */
  withNotes: z.boolean().default(true),
});

/**
 * A room's notes for one person: the room's Etherpad group pad, behind the web server's `/pad`
 * proxy, on padmeet's origin (`/pad/p/…`) or on the pad's own (`https://host:port/pad/p/…`), opened by an Etherpad session that the server set as a cookie and that lasts
 * until `validUntil` (ms since epoch; renew before). Unavailable when Etherpad is down (the
 * video works either way; the page retries by itself).
 */
export const roomNotesSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ready'),
    padId: z.string(),
    url: z.string().regex(/^(https?:\/\/[^/?#]+)?\/pad\/p\//),
    validUntil: z.number().int(),
    /** The person's colour (`personColour` of their subject): their author colour in the pad, as on their tile. */
    colour: z.string().regex(/^#[0-9a-f]{6}$/i),
  }),
  z.object({ status: z.literal('unavailable'), message: z.string() }),
]);
export type RoomNotes = z.infer<typeof roomNotesSchema>;

export const joinRoomOutputSchema = z.object({
  room: roomSummarySchema,
  /** Absent when asked `withNotes: false`. */
  pad: roomNotesSchema.optional(),
  media: z.object({ url: z.string(), token: z.string(), expiresAt: z.number().int() }),
});
export type JoinRoomOutput = z.infer<typeof joinRoomOutputSchema>;

/**
 * A fresh join token for the call the browser is in, asked before the current one expires
 * and sent to the SFU (signaling `refreshToken`): the same room, the same person (the account,
 * or this browser's guest identity), decided again as a join is (a person who may no longer
 * enter is refused in the same words).
 */
export const refreshMediaInputSchema = joinRoomInputSchema.omit({ withNotes: true });
export type RefreshMediaInput = z.infer<typeof refreshMediaInputSchema>;

export const refreshMediaOutputSchema = z.object({ token: z.string(), expiresAt: z.number().int() });
export type RefreshMediaOutput = z.infer<typeof refreshMediaOutputSchema>;

/** Opening a room's notes without joining the call (/r/<room>/notes), or renewing the pad session. */
export const openNotesInputSchema = z.object({
  slug: roomSlugSchema,
  /**
   * A guest's pseudonym (the pad's author name); ignored for signed-in people, who write under
   * their account's name. A guest may leave it out: the pad opens under this browser's guest
   * identity with the name it had (none at first), and the room page names them in the pad later.
   */
  displayName: displayNameSchema.optional(),
});
export type OpenNotesInput = z.infer<typeof openNotesInputSchema>;

export const openNotesOutputSchema = z.object({ room: roomSummarySchema, notes: roomNotesSchema });
export type OpenNotesOutput = z.infer<typeof openNotesOutputSchema>;
