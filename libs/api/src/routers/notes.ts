import {
  notesArchiveInputSchema,
  notesArchiveOutputSchema,
  notesExportInputSchema,
  notesExportOutputSchema,
  notesSearchInputSchema,
  notesSearchOutputSchema,
  notesSessionInputSchema,
  notesSessionOutputSchema,
} from '@padmeet/contract';
import { exportNotes, listArchive, searchNotes, sessionNotes } from '../services/notes-archive';
import { limitRoomRequest } from '../services/room-limits';
import { createTRPCRouter, publicProcedure } from '../trpc';

// Who may read an event's notes: decideNotesAccess (libs/schedule), in every procedure through
// readableEvent; attendance: canSeeAttendance. Public procedures: guests read public events' notes.
export const notesRouter = createTRPCRouter({
  /** The event's past sessions with their notes (or one room's, or one track's). */
  archive: publicProcedure.input(notesArchiveInputSchema).output(notesArchiveOutputSchema).query(({ ctx, input }) => listArchive(ctx, input)),

  /** One past session: notes, the pad at its end, chat, attendance (chairs, organisers, admins). */
  session: publicProcedure.input(notesSessionInputSchema).output(notesSessionOutputSchema).query(({ ctx, input }) => sessionNotes(ctx, input)),

  /** PostgreSQL full-text search across the event's notes, ranked and highlighted. */
  search: publicProcedure.input(notesSearchInputSchema).output(notesSearchOutputSchema).query(({ ctx, input }) => {
      limitRoomRequest(ctx, 'searchNotes');
      return searchNotes(ctx, input);
    }),

  /** The data of an export (one session, or the event); the route handlers under /api/notes format it. */
  export: publicProcedure.input(notesExportInputSchema).output(notesExportOutputSchema).query(({ ctx, input }) => {
      limitRoomRequest(ctx, 'exportNotes');
      return exportNotes(ctx, input);
    }),
});
