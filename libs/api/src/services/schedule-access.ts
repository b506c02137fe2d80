import type { Viewer } from '@padmeet/contract';
import type { EventRecord, TrackRecord } from '@padmeet/data';
import { canEditEvent, canEditTrackSessions } from '@padmeet/schedule';
import { AppError } from '@padmeet/util';
import type { ApiContext } from '../context';

/** Loads an event the viewer may edit (organiser of it, or admin), or throws NOT_FOUND / FORBIDDEN. */
export async function eventForEdit(ctx: ApiContext, eventId: string): Promise<EventRecord> {
  const event = await ctx.schedule.events.findById(eventId);
  if (!event) throw new AppError('NOT_FOUND', { userMessage: 'There is no such event.', field: 'eventId' });
  if (!canEditEvent(ctx.viewer, event)) throw new AppError('FORBIDDEN', { userMessage: 'Only the organisers of this event can change it.' });
  return event;
}

/** Loads a track whose sessions the viewer may edit (its chair, an organiser, admin), with its event. */
export async function trackForSessionEdit(ctx: ApiContext, trackId: string): Promise<{ track: TrackRecord; event: EventRecord }> {
  const track = await ctx.schedule.tracks.findById(trackId);
  const event = track ? await ctx.schedule.events.findById(track.eventId) : null;
  if (!track || !event) throw new AppError('NOT_FOUND', { userMessage: 'There is no such track.', field: 'trackId' });
  if (!canEditTrackSessions(ctx.viewer, { event, chairIds: track.chairIds })) {
    throw new AppError('FORBIDDEN', { userMessage: `Only the chairs of ${track.name} and the event's organisers can change its sessions.` });
  }
  return { track, event };
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('UNAUTHENTICATED', { userMessage: 'Please sign in first.' });
  return viewer;
}
