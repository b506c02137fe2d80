import type { NowNextOutput, NowNextWire, ScheduleOutput, Viewer } from '@padmeet/contract';
import type { EventSchedule } from '@padmeet/data';
import { canEditEvent, canEditTrackSessions, eventDays, nextChangeAfter, nowAndNext } from '@padmeet/schedule';

/** The schedule page's data for one viewer. */
export function scheduleView(schedule: EventSchedule, viewer: Viewer | null): ScheduleOutput {
  const { event } = schedule;
  return {
    event,
    days: eventDays(event),
    rooms: schedule.rooms,
    tracks: schedule.tracks,
    sessions: schedule.sessions,
    can: {
      editEvent: canEditEvent(viewer, event),
      editTrackIds: schedule.tracks.filter((track) => canEditTrackSessions(viewer, { event, chairIds: track.chairIds })).map((t) => t.id),
    },
  };
}

/** Now/next per room at `at`. */
export function nowNextView(schedule: EventSchedule, at: Date): NowNextOutput {
  const brief = (s: EventSchedule['sessions'][number] | null) => (s ? { id: s.id, title: s.title, trackId: s.trackId, startsAt: s.startsAt, endsAt: s.endsAt } : null);
  return {
    at,
    rooms: schedule.rooms.map((room) => {
      const { current, next } = nowAndNext(
        schedule.sessions.filter((s) => s.roomId === room.id),
        at,
      );
      return { roomId: room.id, slug: room.slug, name: room.name, current: brief(current), next: brief(next) };
    }),
    nextChangeAt: nextChangeAfter(schedule.sessions, at),
  };
}

/** The JSON form (ISO strings) for SSE and plain HTTP clients. */
export function toNowNextWire(view: NowNextOutput): NowNextWire {
  const iso = (s: NowNextOutput['rooms'][number]['current']) => (s ? { ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() } : null);
  return {
    at: view.at.toISOString(),
    rooms: view.rooms.map((room) => ({ ...room, current: iso(room.current), next: iso(room.next) })),
    nextChangeAt: view.nextChangeAt?.toISOString() ?? null,
  };
}
