import type { Viewer } from '@padmeet/contract';

/**
 * Who may change what in a schedule: the one place these rules live. The API
 * handlers load the assignments and call these on the server.
 * - admin: everything;
 * - an event's organisers: everything in that event (rooms, tracks, sessions, publishing);
 * - a track's chairs: that track's sessions only.
 * Entering rooms (the call and the notes) is decided in room-entry.ts.
 */

export interface EventAccess {
  organiserIds: readonly string[];
  published: boolean;
}

export interface TrackAccess {
  event: EventAccess;
  chairIds: readonly string[];
}

const isAdmin = (viewer: Viewer | null) => viewer?.role === 'admin';

/** Creating a new event: admins and accounts holding the organiser role (the role alone decides). */
export function canCreateEvent(viewer: Pick<Viewer, 'role'> | null | undefined): boolean {
  return !!viewer && (viewer.role === 'admin' || viewer.role === 'organiser');
}

/** Editing an event, its rooms, its tracks (and their chairs), publishing it. */
export function canEditEvent(viewer: Viewer | null, event: EventAccess): boolean {
  if (!viewer) return false;
  return isAdmin(viewer) || event.organiserIds.includes(viewer.userId);
}

/** Booking, moving, editing and cancelling the sessions of a track. */
export function canEditTrackSessions(viewer: Viewer | null, track: TrackAccess): boolean {
  if (!viewer) return false;
  return canEditEvent(viewer, track.event) || track.chairIds.includes(viewer.userId);
}

/** Drafts are visible to those who can edit them; published events to everyone. */
export function canViewEvent(viewer: Viewer | null, event: EventAccess): boolean {
  return event.published || canEditEvent(viewer, event);
}
