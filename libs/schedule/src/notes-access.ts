import type { Viewer } from '@padmeet/contract';
import { canEditEvent } from './permissions';
import { eventStateOf, ROOM_REFUSALS, type RoomRefusalReason } from './room-entry';

/**
 * Who may read a session's notes after the meeting (the archive, its search and its exports):
 * exactly who may open the room's pad (decideRoomEntry): anyone for a published public event,
 * accounts for a members-only event, the organisers and admins for a draft. Who attended is
 * narrower: the track's chairs, the event's organisers and admins, never the public.
 */

export interface NotesEventFacts {
  published: boolean;
  membersOnly: boolean;
  organiserIds: readonly string[];
}

export type NotesAccess = { allowed: true } | { allowed: false; reason: RoomRefusalReason; message: string };

export function decideNotesAccess(viewer: Viewer | null, event: NotesEventFacts): NotesAccess {
  const state = eventStateOf(event);
  if (state === 'draft' && !canEditEvent(viewer, event)) return { allowed: false, reason: 'draft', message: ROOM_REFUSALS.draft };
  if (state === 'members-only' && !viewer) return { allowed: false, reason: 'sign-in', message: 'The notes of this event are for members only: please sign in.' };
  return { allowed: true };
}

/** Attendance of a session: its track's chairs, the event's organisers and admins. */
export function canSeeAttendance(viewer: Viewer | null, facts: { organiserIds: readonly string[]; chairIds: readonly string[] }): boolean {
  if (!viewer) return false;
  return viewer.role === 'admin' || facts.organiserIds.includes(viewer.userId) || facts.chairIds.includes(viewer.userId);
}
