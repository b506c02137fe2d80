'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { datesBetween, dayBounds, eventBounds, toZoned, isValidTimeZone } from '@padmeet/schedule';
import { useTRPC } from '../../../trpc/client';
import { browserTimeZone } from '../../_forms/time-zones';
import { BookingForm, type Editing } from './booking-form';
import { PastSessionNotesLink } from './notes-link';
import { NowNext } from './now-next';
import { OrganiserPanel } from './organiser-panel';
import { SessionDetails } from './session-details';
import { clockIn, dayLabel, zoneChoices } from './time';
import styles from './schedule.module.css';

type Schedule = RouterOutputs['schedule']['get'];
type SessionView = Schedule['sessions'][number];

const ROW_MINUTES = 15;

export function ScheduleView({ initial }: { initial: Schedule }) {
  const trpc = useTRPC();
  // The server-rendered schedule is the public one: refetch at once with the viewer's session for their edit rights.
  const { data } = useQuery({ ...trpc.schedule.get.queryOptions({ eventSlug: initial.event.slug }), initialData: initial, initialDataUpdatedAt: 0 });
  const [{ zoneParam, clockParam }, setParams] = useState<{ zoneParam: string | null; clockParam: string | null | undefined }>({ zoneParam: null, clockParam: undefined });
  // The session whose details are open; ?session=<id> in the URL, so they can be linked to.
  const [shownId, setShownId] = useState<string | null>(null);
  useEffect(() => {
    const query = new URLSearchParams(window.location.search);
    setParams({ zoneParam: query.get('tz'), clockParam: query.get('at') });
    setShownId(query.get('session'));
  }, []);
  const showSession = (id: string | null) => {
    setShownId(id);
    const url = new URL(window.location.href);
    if (id) url.searchParams.set('session', id);
    else url.searchParams.delete('session');
    window.history.replaceState(null, '', url);
  };
  const schedule = data ?? initial;
  const { event } = schedule;

  // Another person's booking (pushed on the now/next stream): re-read the grid. Everyone at
  // the event hears of it at once, so each browser waits a random moment of up to 2 s first.
  const queryClient = useQueryClient();
  const eventSlug = initial.event.slug;
  const rereadSchedule = useCallback(() => {
    setTimeout(() => void queryClient.invalidateQueries(trpc.schedule.get.queryFilter({ eventSlug })), Math.random() * 2_000);
  }, [queryClient, trpc, eventSlug]);

  // The server renders in the event's zone; the browser switches to the viewer's own (or ?tz=).
  const [zone, setZone] = useState(event.timeZone);
  const [ownZone, setOwnZone] = useState<string | null>(null);
  useEffect(() => {
    setOwnZone(browserTimeZone());
    setZone(zoneParam && isValidTimeZone(zoneParam) ? zoneParam : browserTimeZone());
  }, [zoneParam]);
  const chooseZone = (next: string) => {
    setZone(next);
    const url = new URL(window.location.href);
    url.searchParams.set('tz', next);
    window.history.replaceState(null, '', url);
  };

  const days = useMemo(() => {
    const bounds = eventBounds(event);
    return datesBetween(toZoned(bounds.startsAt, zone).date, toZoned(new Date(bounds.endsAt.getTime() - 1), zone).date);
  }, [event, zone]);
  const [day, setDay] = useState<string | null>(null);
  // Until the viewer picks a day: the day (in the viewer's zone) of the next session not yet over,
  // so people land where they should go next (or the day of the session a link opened); once the
  // event is over, its first day with sessions.
  // (The event's first day in a zone west of it may hold no sessions at all: "today" alone misleads.)
  const shown = shownId ? schedule.sessions.find((s) => s.id === shownId) : undefined;
  const shownRoom = shown && schedule.rooms.find((r) => r.id === shown.roomId);
  const defaultDay = useMemo(() => {
    const now = Date.now();
    const upcoming = shown ?? schedule.sessions.find((s) => s.endsAt.getTime() > now) ?? schedule.sessions[0];
    if (upcoming) return toZoned(upcoming.startsAt, zone).date;
    const today = toZoned(new Date(now), zone).date;
    return days.includes(today) ? today : (days[0] ?? event.startsOn);
  }, [days, zone, schedule.sessions, event.startsOn, shown]);
  const selectedDay = day && days.includes(day) ? day : defaultDay;

  const [hiddenTracks, setHiddenTracks] = useState<Set<string>>(new Set());
  const toggleTrack = (id: string) =>
    setHiddenTracks((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const [editing, setEditing] = useState<Editing | null>(null);
  const trackById = useMemo(() => new Map(schedule.tracks.map((t) => [t.id, t])), [schedule.tracks]);
  const trackNames = useMemo(() => new Map(schedule.tracks.map((t) => [t.id, t.name])), [schedule.tracks]);
  const editable = new Set(schedule.can.editTrackIds);
  const visible = schedule.sessions.filter((s) => !hiddenTracks.has(s.trackId));

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1>{event.name}</h1>
          <p className="muted">
            {event.startsOn === event.endsOn ? event.startsOn : `${event.startsOn} – ${event.endsOn}`} · event time zone {event.timeZone}
            {!event.published && ' · draft'}
          </p>
        </div>
        <div className={styles.controls}>
          <label>
            Times in{' '}
            <select value={zone} onChange={(e) => chooseZone(e.target.value)} data-testid="zone-select" aria-label="Time zone">
              {zoneChoices(zone, ownZone ?? event.timeZone, event.timeZone).map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </label>
          <a href={`/api/calendar/${event.slug}`} className="muted">
            Calendar (iCal)
          </a>
          <a href={`/e/${event.slug}/notes`} className="muted" data-testid="notes-archive-link">
            Notes archive
          </a>
          {schedule.can.editTrackIds.length > 0 && (
            <button type="button" onClick={() => setEditing({ mode: 'new', day: selectedDay })}>
              Book a session
            </button>
          )}
        </div>
      </header>

      <NowNext eventSlug={event.slug} published={event.published} zone={zone} trackNames={trackNames} clockParam={clockParam} onScheduleChange={rereadSchedule} />

      {schedule.can.editEvent && <OrganiserPanel schedule={schedule} />}

      {editing && <BookingForm schedule={schedule} zone={zone} editing={editing} onDone={() => setEditing(null)} />}

      {shown && shownRoom && (
        <SessionDetails
          key={shown.id}
          session={shown}
          eventSlug={event.slug}
          room={shownRoom}
          track={trackById.get(shown.trackId)}
          zone={zone}
          onClose={() => showSession(null)}
        />
      )}

      <div className={styles.filters} role="group" aria-label="Tracks">
        {schedule.tracks.map((track) => (
          <label key={track.id} className={styles.trackChip} style={{ borderColor: track.color }}>
            <input type="checkbox" checked={!hiddenTracks.has(track.id)} onChange={() => toggleTrack(track.id)} /> {track.name}
            {' '}
            <a href={`/api/calendar/${event.slug}/track/${track.slug}`} title={`iCal feed of ${track.name}`} className="muted">
              ical
            </a>
          </label>
        ))}
      </div>

      <nav className={styles.days} aria-label="Days">
        {days.map((d) => (
          <button key={d} type="button" className={d === selectedDay ? '' : 'secondary'} aria-pressed={d === selectedDay} onClick={() => setDay(d)}>
            {dayLabel(d)}
          </button>
        ))}
      </nav>

      <Grid
        schedule={schedule}
        sessions={visible}
        zone={zone}
        day={selectedDay}
        trackById={trackById}
        onEdit={(s) => (editable.has(s.trackId) ? setEditing({ mode: 'edit', session: s }) : undefined)}
        onShow={(s) => showSession(s.id)}
        editable={editable}
      />
    </div>
  );
}

function Grid({
  schedule,
  sessions,
  zone,
  day,
  trackById,
  onEdit,
  onShow,
  editable,
}: {
  schedule: Schedule;
  sessions: SessionView[];
  zone: string;
  day: string;
  trackById: Map<string, Schedule['tracks'][number]>;
  onEdit: (session: SessionView) => void;
  onShow: (session: SessionView) => void;
  editable: Set<string>;
}) {
  const bounds = dayBounds(day, zone);
  const dayStart = bounds.startsAt.getTime();
  const dayEnd = bounds.endsAt.getTime();
  const today = sessions.filter((s) => s.startsAt.getTime() < dayEnd && s.endsAt.getTime() > dayStart);
  // Show the hours that have sessions, at least 08:00-18:00 local (elapsed time, so DST days are right).
  const minuteOf = (t: number) => Math.round((t - dayStart) / 60_000);
  const earliest = Math.min(8 * 60, ...today.map((s) => Math.max(0, minuteOf(s.startsAt.getTime()))));
  const latest = Math.max(Math.min(18 * 60, minuteOf(dayEnd)), ...today.map((s) => Math.min(minuteOf(dayEnd), minuteOf(s.endsAt.getTime()))));
  const from = Math.floor(earliest / 60) * 60;
  const to = Math.ceil(latest / 60) * 60;
  const rows = (to - from) / ROW_MINUTES;
  const rowOf = (t: number) => Math.min(rows, Math.max(0, Math.round((minuteOf(t) - from) / ROW_MINUTES)));
  const hours: number[] = [];
  for (let m = from; m < to; m += 60) hours.push(m);

  return (
    <div
      className={styles.grid}
      data-testid="schedule-grid"
      style={{ gridTemplateColumns: `4.5rem repeat(${schedule.rooms.length}, minmax(9rem, 1fr))`, gridTemplateRows: `auto repeat(${rows}, 0.9rem)` }}
    >
      <div className={styles.corner}>{zone}</div>
      {schedule.rooms.map((room, i) => (
        <div key={room.id} className={styles.roomHead} style={{ gridColumn: i + 2, gridRow: 1 }}>
          <a href={`/r/${room.slug}`}>{room.name}</a>
          <a href={`/api/calendar/${schedule.event.slug}/room/${room.slug}`} className="muted" title={`iCal feed of ${room.name}`}>
            {' '}
            ical
          </a>
        </div>
      ))}
      {hours.map((m) => (
        <div key={m} className={styles.hour} style={{ gridColumn: 1, gridRow: `${(m - from) / ROW_MINUTES + 2} / span ${60 / ROW_MINUTES}` }}>
          {clockIn(new Date(dayStart + m * 60_000), zone)}
        </div>
      ))}
      {today.map((s) => {
        const col = schedule.rooms.findIndex((r) => r.id === s.roomId);
        if (col < 0) return null;
        const track = trackById.get(s.trackId);
        const room = schedule.rooms[col]!;
        const start = rowOf(s.startsAt.getTime());
        const end = Math.max(start + 1, rowOf(s.endsAt.getTime()));
        return (
          <article
            key={s.id}
            className={styles.session}
            style={{ gridColumn: col + 2, gridRow: `${start + 2} / ${end + 2}`, borderLeftColor: track?.color }}
            data-testid="session"
            data-session-id={s.id}
          >
            <div className={styles.time}>
              <span data-testid="session-time">
                {clockIn(s.startsAt, zone)}–{clockIn(s.endsAt, zone)}
              </span>
              <button type="button" className={`secondary ${styles.more}`} onClick={() => onShow(s)} aria-label={`Details of ${s.title}`} title="When, where and the agenda">
                Details
              </button>
              <PastSessionNotesLink eventSlug={schedule.event.slug} session={s} className={styles.more} />
            </div>
            <a href={`/r/${room.slug}`} className={styles.title}>
              {s.title}
            </a>
            <div className="muted">{track?.name}</div>
            {editable.has(s.trackId) && (
              <button type="button" className="secondary" onClick={() => onEdit(s)} aria-label={`Edit ${s.title}`}>
                Edit
              </button>
            )}
          </article>
        );
      })}
    </div>
  );
}

/** A draft event: only its organisers (and admins) may see it, so it is loaded with the viewer's session. */
export function DraftScheduleLoader({ eventSlug }: { eventSlug: string }) {
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery({ ...trpc.schedule.get.queryOptions({ eventSlug }), retry: false });
  if (isPending) return <p className="muted">Loading…</p>;
  if (error || !data) return <p className="error">This event is not published yet. Its organisers can see it once signed in.</p>;
  return <ScheduleView initial={data} />;
}
