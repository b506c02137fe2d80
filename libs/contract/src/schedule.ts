import { z } from 'zod';
import { eventRoomSchema, eventSlugSchema, eventSummarySchema, isoDateSchema } from './event';
import { sessionSchema } from './session';
import { trackSchema } from './track';

/** Everything the schedule page shows for one event. */
export const scheduleOutputSchema = z.object({
  event: eventSummarySchema,
  days: z.array(isoDateSchema),
  rooms: z.array(eventRoomSchema),
  tracks: z.array(trackSchema),
  sessions: z.array(sessionSchema),
  /** What the viewer may change (the server checks again on every write). */
  can: z.object({ editEvent: z.boolean(), editTrackIds: z.array(z.uuid()) }),
});
export type ScheduleOutput = z.infer<typeof scheduleOutputSchema>;

export const scheduleInputSchema = z.object({ eventSlug: eventSlugSchema });

export const nowNextSessionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  trackId: z.uuid(),
  startsAt: z.date(),
  endsAt: z.date(),
});

export const nowNextOutputSchema = z.object({
  at: z.date(),
  rooms: z.array(
    z.object({
      roomId: z.uuid(),
      slug: z.string(),
      name: z.string(),
      current: nowNextSessionSchema.nullable(),
      next: nowNextSessionSchema.nullable(),
    }),
  ),
  /** When the view changes next (a session starts or ends); null when nothing is left. */
  nextChangeAt: z.date().nullable(),
});
export type NowNextOutput = z.infer<typeof nowNextOutputSchema>;

/** The JSON form of now/next sent over SSE and the plain HTTP endpoint (ISO strings for times). */
export const nowNextWireSchema = z.object({
  at: z.iso.datetime(),
  rooms: z.array(
    z.object({
      roomId: z.string(),
      slug: z.string(),
      name: z.string(),
      current: z.object({ id: z.string(), title: z.string(), trackId: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() }).nullable(),
      next: z.object({ id: z.string(), title: z.string(), trackId: z.string(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() }).nullable(),
    }),
  ),
  nextChangeAt: z.iso.datetime().nullable(),
});
export type NowNextWire = z.infer<typeof nowNextWireSchema>;

export const freeSlotsInputSchema = z.object({ eventSlug: eventSlugSchema, roomId: z.uuid(), date: isoDateSchema });
export const freeSlotsOutputSchema = z.array(z.object({ startsAt: z.date(), endsAt: z.date() }));
