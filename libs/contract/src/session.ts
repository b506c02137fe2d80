import { z } from 'zod';

export const sessionTitleSchema = z.string().trim().min(1, 'Please give the session a title').max(120, 'Titles are at most 120 characters');
/** Markdown. */
export const sessionAgendaSchema = z.string().max(20_000, 'The agenda is at most 20,000 characters');

export const sessionSchema = z.object({
  id: z.uuid(),
  trackId: z.uuid(),
  roomId: z.uuid(),
  title: z.string(),
  agenda: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  /** Bumped on every change (the iCal SEQUENCE). */
  sequence: z.number().int().nonnegative(),
  updatedAt: z.date(),
});
export type Session = z.infer<typeof sessionSchema>;

/**
 * Times are absolute instants: the browser converts the wall time it shows (in
 * the viewer's chosen zone) before sending. Field names match the form's
 * fields (`start`, `end`, `room`) so errors land next to them.
 */
export const bookSessionInputSchema = z.object({
  trackId: z.uuid(),
  roomId: z.uuid({ error: 'Please pick a room' }),
  title: sessionTitleSchema,
  agenda: sessionAgendaSchema.default(''),
  start: z.date({ error: 'Please give a start time' }),
  end: z.date({ error: 'Please give an end time' }),
});
export type BookSessionInput = z.infer<typeof bookSessionInputSchema>;

/** Move (room/start/end), extend (end) or edit (title/agenda); anything left out stays. */
export const updateSessionInputSchema = z.object({
  sessionId: z.uuid(),
  roomId: z.uuid().optional(),
  title: sessionTitleSchema.optional(),
  agenda: sessionAgendaSchema.optional(),
  start: z.date().optional(),
  end: z.date().optional(),
});
export type UpdateSessionInput = z.infer<typeof updateSessionInputSchema>;

export const sessionIdInputSchema = z.object({ sessionId: z.uuid() });

/**
 * Extend a running session from its room, in steps of 15 minutes (`steps`), only into free time.
 * `from`: the end the chair saw; if it already moved (another chair extended it meanwhile), the
 * extension is refused instead of adding up.
 */
export const extendSessionInputSchema = z.object({
  sessionId: z.uuid(),
  from: z.date(),
  steps: z.number().int().min(1).max(8).default(1),
});
export type ExtendSessionInput = z.infer<typeof extendSessionInputSchema>;
