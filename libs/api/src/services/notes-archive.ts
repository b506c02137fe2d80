import type {
  ArchivedSession,
  NotesArchive,
  NotesArchiveInput,
  NotesExport,
  NotesExportInput,
  NotesSearchInput,
  NotesSearchResult,
  NotesSessionInput,
  NotesSessionView,
} from '@padmeet/contract';
import type { ArchiveEvent, ArchivedSessionRecord, NotesArchiveRepository } from '@padmeet/data';
import { canEditEvent, canSeeAttendance, decideNotesAccess } from '@padmeet/schedule';
import { AppError } from '@padmeet/util';
import type { ApiContext } from '../context';
import { snippetSegments } from './notes-export';

/**
 * The notes archive (issue 12): past sessions' notes, search and export. Every call first loads
 * the event and asks decideNotesAccess (libs/schedule) on the server; attendance only for those
 * canSeeAttendance allows (the track's chairs, the event's organisers, admins).
 */

/** Search results per query. */
export const SEARCH_LIMIT = 20;

function archiveOf(ctx: ApiContext): NotesArchiveRepository {
  if (!ctx.notesArchive) throw new AppError('UNAVAILABLE', { userMessage: 'The notes archive is not available on this server.' });
  return ctx.notesArchive;
}

/** The event if this viewer may read its notes: NOT_FOUND for no event (or a draft they may not see), FORBIDDEN to sign in. */
export async function readableEvent(ctx: ApiContext, eventSlug: string): Promise<ArchiveEvent> {
  const event = await archiveOf(ctx).findEvent(eventSlug);
  const access = event ? decideNotesAccess(ctx.viewer, event) : null;
  // A draft is NOT_FOUND to those who may not see it, as on the schedule page.
  if (!event || !access || (!access.allowed && access.reason === 'draft')) throw new AppError('NOT_FOUND', { userMessage: `There is no event "${eventSlug}".` });
  if (!access.allowed) throw new AppError('FORBIDDEN', { userMessage: access.message });
  return event;
}

function toArchived(record: ArchivedSessionRecord): ArchivedSession {
  return { id: record.id, title: record.title, startsAt: record.startsAt, endsAt: record.endsAt, room: record.room, track: record.track, chairs: record.chairNames, notes: record.notes };
}

const eventView = (event: ArchiveEvent) => ({ slug: event.slug, name: event.name, timeZone: event.timeZone, published: event.published });

/** The event's past sessions (or one room's, or one track's), newest first, with what was written in each. */
export async function listArchive(ctx: ApiContext, input: NotesArchiveInput): Promise<NotesArchive> {
  const event = await readableEvent(ctx, input.eventSlug);
  const room = input.room ? event.rooms.find((r) => r.slug === input.room) : undefined;
  const track = input.track ? event.tracks.find((t) => t.slug === input.track) : undefined;
  if (input.room && !room) throw new AppError('NOT_FOUND', { userMessage: `${event.name} has no room "${input.room}".`, field: 'room' });
  if (input.track && !track) throw new AppError('NOT_FOUND', { userMessage: `${event.name} has no track "${input.track}".`, field: 'track' });
  const sessions = await archiveOf(ctx).listEnded(event.id, new Date(ctx.now()), { roomSlug: room?.slug, trackSlug: track?.slug });
  const scope = room ? { kind: 'room' as const, slug: room.slug, name: room.name } : track ? { kind: 'track' as const, slug: track.slug, name: track.name } : { kind: 'event' as const, slug: null, name: event.name };
  return {
    event: eventView(event),
    rooms: event.rooms.map(({ slug, name }) => ({ slug, name })),
    tracks: event.tracks.map(({ slug, name, color }) => ({ slug, name, color })),
    scope,
    sessions: sessions.map(toArchived),
  };
}

async function endedSession(ctx: ApiContext, event: ArchiveEvent, sessionId: string): Promise<ArchivedSessionRecord> {
  const [record] = await archiveOf(ctx).listEnded(event.id, new Date(ctx.now()), { sessionIds: [sessionId], withText: true });
  if (!record) throw new AppError('NOT_FOUND', { userMessage: `${event.name} has no session with that address that has ended (the notes of a session are archived once it is over).`, field: 'sessionId' });
  return record;
}

/** One past session: its notes, the whole pad at its end, the chat, and who attended for those who may see it. */
export async function sessionNotes(ctx: ApiContext, input: NotesSessionInput): Promise<NotesSessionView> {
  const event = await readableEvent(ctx, input.eventSlug);
  const record = await endedSession(ctx, event, input.sessionId);
  const seesAttendance = canSeeAttendance(ctx.viewer, { organiserIds: event.organiserIds, chairIds: record.chairIds });
  const [chat, attendance] = await Promise.all([archiveOf(ctx).chat([record.id]), seesAttendance ? archiveOf(ctx).attendance([record.id]) : null]);
  return {
    event: eventView(event),
    session: toArchived(record),
    text: record.text,
    chat: chat.get(record.id) ?? [],
    attendance: attendance ? (attendance.get(record.id) ?? []) : null,
  };
}

/** Full-text search across the event's notes: best first, each with its highlighted fragments. */
export async function searchNotes(ctx: ApiContext, input: NotesSearchInput): Promise<NotesSearchResult> {
  const event = await readableEvent(ctx, input.eventSlug);
  const now = new Date(ctx.now());
  const hits = await archiveOf(ctx).search(event.id, input.query, now, SEARCH_LIMIT);
  return {
    query: input.query,
    hits: hits.map((hit) => {
      const { notes: _notes, ...session } = toArchived(hit.session);
      return { session, rank: hit.rank, snippet: snippetSegments(hit.headline) };
    }),
  };
}

/**
 * What an export writes: one session or every past session of the event (oldest first), with the
 * whole pad, chat and (for those allowed) attendees. The whole event exported by one of its
 * organisers (or an admin) is recorded on its rooms: the never-lose-a-pad guard lets a room with
 * notes be removed only once they are exported.
 */
export async function exportNotes(ctx: ApiContext, input: NotesExportInput): Promise<NotesExport> {
  const event = await readableEvent(ctx, input.eventSlug);
  const now = new Date(ctx.now());
  const records = input.sessionId ? [await endedSession(ctx, event, input.sessionId)] : (await archiveOf(ctx).listEnded(event.id, now, { withText: true })).reverse();
  if (!input.sessionId && canEditEvent(ctx.viewer, event)) await archiveOf(ctx).markEventExported(event.id, now);
  const attendedIds = records.filter((r) => canSeeAttendance(ctx.viewer, { organiserIds: event.organiserIds, chairIds: r.chairIds })).map((r) => r.id);
  const ids = records.map((r) => r.id);
  const [chat, attendance] = await Promise.all([archiveOf(ctx).chat(ids), archiveOf(ctx).attendance(attendedIds)]);
  return {
    event: eventView(event),
    sessions: records.map((record) => ({
      ...toArchived(record),
      text: record.text,
      chat: chat.get(record.id) ?? [],
      attendees: attendedIds.includes(record.id) ? [...new Set((attendance.get(record.id) ?? []).map((a) => a.name))] : null,
    })),
  };
}
