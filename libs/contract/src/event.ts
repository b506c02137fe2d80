import { z } from 'zod';
import { roomSlugSchema } from './room';

/** URL segment of an event: /e/<slug>. */
export const eventSlugSchema = z
  .string()
  .min(2, 'Event names in URLs are at least 2 characters')
  .max(50, 'Event names in URLs are at most 50 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single dashes (e.g. ptg-2026-12)');

/** A calendar date, "YYYY-MM-DD". */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-01');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone, e.g. "Europe/Berlin" or "UTC". */
export const timeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, 'Unknown time zone: use an IANA name such as Europe/Berlin');

export const eventSummarySchema = z.object({
  id: z.uuid(),
  slug: eventSlugSchema,
  name: z.string(),
  startsOn: isoDateSchema,
  endsOn: isoDateSchema,
  timeZone: z.string(),
  published: z.boolean(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

export const eventNameSchema = z.string().trim().min(2, 'Please give a name of at least 2 characters').max(120, 'Names are at most 120 characters');

const datesOrdered = (value: { startsOn?: string; endsOn?: string }) => !value.startsOn || !value.endsOn || value.endsOn >= value.startsOn;

export const createEventInputSchema = z
  .object({ slug: eventSlugSchema, name: eventNameSchema, startsOn: isoDateSchema, endsOn: isoDateSchema, timeZone: timeZoneSchema })
  .refine(datesOrdered, { message: 'The last day cannot be before the first', path: ['endsOn'] });
export type CreateEventInput = z.infer<typeof createEventInputSchema>;

export const updateEventInputSchema = z
  .object({
    eventId: z.uuid(),
    name: eventNameSchema.optional(),
    startsOn: isoDateSchema.optional(),
    endsOn: isoDateSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    published: z.boolean().optional(),
  })
  .refine(datesOrdered, { message: 'The last day cannot be before the first', path: ['endsOn'] });
export type UpdateEventInput = z.infer<typeof updateEventInputSchema>;

export const eventBySlugInputSchema = z.object({ slug: eventSlugSchema });
/** Whether an event exists at all, published or not (the schedule page tells a draft from no event; its organisers then load it in the browser). */
export const eventExistsOutputSchema = z.object({ exists: z.boolean() });
export const eventListOutputSchema = z.array(eventSummarySchema);

export const eventRoomSchema = z.object({
  id: z.uuid(),
  slug: roomSlugSchema,
  name: z.string(),
  capacity: z.number().int().positive().nullable(),
  position: z.number().int(),
});
export type EventRoom = z.infer<typeof eventRoomSchema>;

const capacitySchema = z.number().int('Capacity is a whole number').positive('Capacity is at least 1').max(10_000).nullable();

export const createRoomInputSchema = z.object({
  eventId: z.uuid(),
  slug: roomSlugSchema,
  name: eventNameSchema,
  capacity: capacitySchema.default(null),
});
/** The slug is the Etherpad pad ID and stays as it is once used: only name, capacity and position change. */
export const updateRoomInputSchema = z.object({
  roomId: z.uuid(),
  name: eventNameSchema.optional(),
  capacity: capacitySchema.optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
/** A whole new order of an event's rooms or tracks: each of them, once, first to last. */
export const idOrderSchema = z
  .array(z.uuid())
  .min(1, 'List at least one')
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, 'Each one appears once in the new order');
export const reorderRoomsInputSchema = z.object({ eventId: z.uuid(), roomIds: idOrderSchema });
export const reorderRoomsOutputSchema = z.array(eventRoomSchema);
export const organiserInputSchema = z.object({ eventId: z.uuid(), userId: z.uuid() });
export const okOutputSchema = z.object({ ok: z.literal(true) });
