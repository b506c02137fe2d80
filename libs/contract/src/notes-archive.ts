import { z } from 'zod';
import { eventSlugSchema } from './event';
import { roomSlugSchema } from './room';
import { trackSlugSchema } from './track';

/**
 * The notes archive (issue 12): each past session's notes as the snapshot recorded them, search
 * across an event's notes, and their export. Everything the browser gets is plain text: no HTML
 * from Etherpad crosses this boundary (highlights are segments, rendered by React, escaped).
 */

/** An event's archive, or one room's or one track's part of it. */
export const notesArchiveInputSchema = z.object({
  eventSlug: eventSlugSchema,
  room: roomSlugSchema.optional(),
  track: trackSlugSchema.optional(),
});
export type NotesArchiveInput = z.infer<typeof notesArchiveInputSchema>;

export const notesSessionInputSchema = z.object({ eventSlug: eventSlugSchema, sessionId: z.uuid('That is not a session of this event.') });
export type NotesSessionInput = z.infer<typeof notesSessionInputSchema>;

export const notesSearchQuerySchema = z
  .string()
  .trim()
  .min(2, 'Search for at least 2 characters')
  .max(200, 'Searches are at most 200 characters');

export const notesSearchInputSchema = z.object({ eventSlug: eventSlugSchema, query: notesSearchQuerySchema });
export type NotesSearchInput = z.infer<typeof notesSearchInputSchema>;

/** What to export: one session's notes, or the whole event's. */
export const notesExportInputSchema = z.object({ eventSlug: eventSlugSchema, sessionId: z.uuid('That is not a session of this event.').optional() });
export type NotesExportInput = z.infer<typeof notesExportInputSchema>;

/** A person who wrote in the pad during the session, with their author colour. */
export const notesAuthorSchema = z.object({ name: z.string(), color: z.string().nullable() });
export type NotesAuthor = z.infer<typeof notesAuthorSchema>;

/** Someone in the call during the session (its chairs, organisers and admins only). */
export const attendeeSchema = z.object({ name: z.string(), joinedAt: z.date(), leftAt: z.date().nullable() });
export type Attendee = z.infer<typeof attendeeSchema>;

export const chatLineSchema = z.object({ name: z.string(), body: z.string(), sentAt: z.date() });
export type ChatLine = z.infer<typeof chatLineSchema>;

/** The snapshot of a session's notes: pending until the job took it at the session's end. */
export const sessionNotesSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.literal('taken'),
    takenAt: z.date().nullable(),
    /** What was written in the pad during the session. */
    changeText: z.string(),
    authors: z.array(notesAuthorSchema),
  }),
]);
export type SessionNotes = z.infer<typeof sessionNotesSchema>;

export const archivedSessionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  room: z.object({ slug: z.string(), name: z.string() }),
  track: z.object({ slug: z.string(), name: z.string(), color: z.string() }),
  /** Display names of the track's chairs. */
  chairs: z.array(z.string()),
  notes: sessionNotesSchema,
});
export type ArchivedSession = z.infer<typeof archivedSessionSchema>;

const archiveEventSchema = z.object({ slug: z.string(), name: z.string(), timeZone: z.string(), published: z.boolean() });

export const notesArchiveOutputSchema = z.object({
  event: archiveEventSchema,
  rooms: z.array(z.object({ slug: z.string(), name: z.string() })),
  tracks: z.array(z.object({ slug: z.string(), name: z.string(), color: z.string() })),
  /** The room or track this page is limited to, if any. */
  scope: z.object({ kind: z.enum(['event', 'room', 'track']), slug: z.string().nullable(), name: z.string() }),
  /** Past sessions, newest first. */
  sessions: z.array(archivedSessionSchema),
});
export type NotesArchive = z.infer<typeof notesArchiveOutputSchema>;

export const notesSessionOutputSchema = z.object({
  event: archiveEventSchema,
  session: archivedSessionSchema,
  /** The whole pad at the session's end (null while pending). */
  text: z.string().nullable(),
  /** The room's chat during the session. */
  chat: z.array(chatLineSchema),
  /** Who attended: only for the track's chairs, the event's organisers and admins; null for everyone else. */
  attendance: z.array(attendeeSchema).nullable(),
});
export type NotesSessionView = z.infer<typeof notesSessionOutputSchema>;

/** A piece of a search result's snippet: matched words have `hit`. */
export const snippetSegmentSchema = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetSegment = z.infer<typeof snippetSegmentSchema>;

export const notesSearchOutputSchema = z.object({
  query: z.string(),
  hits: z.array(
    z.object({
      session: archivedSessionSchema.omit({ notes: true }),
      rank: z.number(),
      snippet: z.array(snippetSegmentSchema),
    }),
  ),
});
export type NotesSearchResult = z.infer<typeof notesSearchOutputSchema>;

/** One session, as exports write it. */
export const exportedSessionSchema = archivedSessionSchema.extend({
  text: z.string().nullable(),
  chat: z.array(chatLineSchema),
  /** Display names of those who attended; null for a viewer who may not see attendance (as in the archive). */
  attendees: z.array(z.string()).nullable(),
});
export type ExportedSession = z.infer<typeof exportedSessionSchema>;

export const notesExportOutputSchema = z.object({ event: archiveEventSchema, sessions: z.array(exportedSessionSchema) });
export type NotesExport = z.infer<typeof notesExportOutputSchema>;
