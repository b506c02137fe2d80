import type { Viewer } from '@padmeet/contract';
import type { EventRecord, TrackRecord } from '@padmeet/data';
import { canEditEvent, canEditTrackSessions } from '@padmeet/schedule';
import { AppError } from '@padmeet/util';
import type { ApiContext } from '../context';

/**
 * Marks an event as changed by the current call: when the mutation succeeds, the procedures'
 * middleware (trpc.ts) announces it to the live schedule. The helpers below do it for every event
 * they hand out for editing; a write that creates an event calls it itself.
 */
export function scheduleWritten(ctx: ApiContext, eventSlug: string): void {
  ctx.scheduleWrites?.add(eventSlug);
}

/** Loads an event the viewer may edit (organiser of it, or admin), or throws NOT_FOUND / FORBIDDEN. */
export async function eventForEdit(ctx: ApiContext, eventId: string): Promise<EventRecord> {
  const event = await ctx.schedule.events.findById(eventId);
  if (!event) throw new AppError('NOT_FOUND', { userMessage: 'There is no such event.', field: 'eventId' });
  if (!canEditEvent(ctx.viewer, event)) throw new AppError('FORBIDDEN', { userMessage: 'Only the organisers of this event can change it.' });
  scheduleWritten(ctx, event.slug);
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
  scheduleWritten(ctx, event.slug);
  return { track, event };
}

/**
 * Puts an event's rooms or tracks in a new order (its organisers only). `reorder` answers null unless the list names each of them
 * once (a page loaded before one was added): a CONFLICT next to the list.
 */
export async function applyOrder<T>(ctx: ApiContext, eventId: string, what: 'rooms' | 'tracks', reorder: (eventId: string) => Promise<T[] | null>): Promise<T[]> {
  const event = await eventForEdit(ctx, eventId);
  const ordered = await reorder(event.id);
  if (!ordered) {
    throw new AppError('CONFLICT', {
      userMessage: `The ${what} of this event have changed since this page was loaded; reload it and order them again.`,
      field: what === 'rooms' ? 'roomIds' : 'trackIds',
    });
  }
  return ordered;
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('UNAUTHENTICATED', { userMessage: 'Please sign in first.' });
  return viewer;
}
