import { z } from 'zod';
import { usernameSchema } from './account';
import { eventNameSchema, idOrderSchema } from './event';

export const trackSlugSchema = z
  .string()
  .min(2, 'Track names in URLs are at least 2 characters')
  .max(50, 'Track names in URLs are at most 50 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single dashes (e.g. zuul)');

export const trackColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #2f6f4f');

export const trackSchema = z.object({
  id: z.uuid(),
  slug: trackSlugSchema,
  name: z.string(),
  color: trackColorSchema,
  position: z.number().int(),
});
export type Track = z.infer<typeof trackSchema>;

export const createTrackInputSchema = z.object({
  eventId: z.uuid(),
  slug: trackSlugSchema,
  name: eventNameSchema,
  color: trackColorSchema.default('#2f6f4f'),
});
export const updateTrackInputSchema = z.object({
  trackId: z.uuid(),
  name: eventNameSchema.optional(),
  color: trackColorSchema.optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export const reorderTracksInputSchema = z.object({ eventId: z.uuid(), trackIds: idOrderSchema });
export const reorderTracksOutputSchema = z.array(trackSchema);
/** Organisers name a chair by username (what people know each other by); the server resolves it to the account. */
export const addTrackChairInputSchema = z.object({ trackId: z.uuid(), username: usernameSchema });
/** Removing goes by account id, as listed by `track.chairs`. */
export const removeTrackChairInputSchema = z.object({ trackId: z.uuid(), userId: z.uuid() });

/** A chair of a track as the event's organisers see it. */
export const trackChairSchema = z.object({
  trackId: z.uuid(),
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
});
export type TrackChair = z.infer<typeof trackChairSchema>;

export const trackChairsInputSchema = z.object({ eventId: z.uuid() });
export const trackChairsOutputSchema = z.array(trackChairSchema);
