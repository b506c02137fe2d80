'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { dayBounds, eventBounds, freeSlots, fromZoned, LocalTimeError, parseClock, toZoned, formatMinutes } from '@padmeet/schedule';
import { FieldError, FormError } from '../../_forms/field-error';
import { useTRPC } from '../../../trpc/client';
import { clockIn } from './time';
import styles from './schedule.module.css';

type Schedule = RouterOutputs['schedule']['get'];
type SessionView = Schedule['sessions'][number];
export type Editing = { mode: 'new'; day: string } | { mode: 'edit'; session: SessionView };

const FIELDS = ['trackId', 'roomId', 'start', 'end', 'title', 'agenda'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Book (or move/extend/edit/cancel) a session. Times are typed in the zone the
 * grid shows; free slots of the chosen room and day are offered as buttons.
 * The server checks everything again and its messages land next to their field.
 */
export function BookingForm({ schedule, zone, editing, onDone }: { schedule: Schedule; zone: string; editing: Editing; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const editableTracks = schedule.tracks.filter((t) => schedule.can.editTrackIds.includes(t.id));
  const existing = editing.mode === 'edit' ? editing.session : null;

  const [trackId, setTrackId] = useState(existing?.trackId ?? editableTracks[0]?.id ?? '');
  const [roomId, setRoomId] = useState(existing?.roomId ?? schedule.rooms[0]?.id ?? '');
  const [day, setDay] = useState(existing ? toZoned(existing.startsAt, zone).date : editing.mode === 'new' ? editing.day : schedule.event.startsOn);
  const [start, setStart] = useState(existing ? clockIn(existing.startsAt, zone) : '');
  const [end, setEnd] = useState(existing ? clockIn(existing.endsAt, zone) : '');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [agenda, setAgenda] = useState(existing?.agenda ?? '');
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});

  const done = async () => {
    await queryClient.invalidateQueries(trpc.schedule.get.queryFilter({ eventSlug: schedule.event.slug }));
    onDone();
  };
  const book = useMutation(trpc.session.book.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.session.update.mutationOptions({ onSuccess: done }));
  const cancel = useMutation(trpc.session.cancel.mutationOptions({ onSuccess: done }));
  const active = existing ? update : book;
  // A session that has begun keeps its room and start, and is not cancelled (the server says so too).
  const begun = existing !== null && existing.startsAt.getTime() <= Date.now();
  const serverError = active.error ?? cancel.error;

  const free = useMemo(() => {
    const dayWindow = dayBounds(day, zone);
    const bounds = eventBounds(schedule.event);
    const window = { startsAt: new Date(Math.max(dayWindow.startsAt.getTime(), bounds.startsAt.getTime())), endsAt: new Date(Math.min(dayWindow.endsAt.getTime(), bounds.endsAt.getTime())) };
    if (window.endsAt <= window.startsAt) return [];
    return freeSlots(
      window,
      schedule.sessions.filter((s) => s.roomId === roomId && s.id !== existing?.id),
    );
  }, [day, zone, roomId, schedule, existing?.id]);

  function toInstant(value: string): Date | string {
    const minutes = parseClock(value);
    if (minutes === null) return 'Use a time like 14:30';
    try {
      // "24:00" is midnight at the end of the day.
      return minutes === 24 * 60 ? dayBounds(day, zone).endsAt : fromZoned({ date: day, minutes }, zone, 'reject');
    } catch (error) {
      if (error instanceof LocalTimeError) return error.message;
      throw error;
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const startAt = toInstant(start);
    const endAt = toInstant(end);
    const errors: Partial<Record<Field, string>> = {};
    if (typeof startAt === 'string') errors.start = startAt;
    if (typeof endAt === 'string') errors.end = endAt;
    setLocalErrors(errors);
    if (typeof startAt === 'string' || typeof endAt === 'string') return;
    if (existing) update.mutate({ sessionId: existing.id, roomId, start: startAt, end: endAt, title, agenda });
    else book.mutate({ trackId, roomId, start: startAt, end: endAt, title, agenda });
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label={existing ? 'Edit session' : 'Book a session'} noValidate>
      <h2 style={{ margin: 0, fontSize: '1.1rem' }}>{existing ? `Edit “${existing.title}”` : 'Book a session'}</h2>
      <div className={styles.row}>
        <label>
          Track
          <select value={trackId} onChange={(e) => setTrackId(e.target.value)} disabled={Boolean(existing)} name="trackId">
            {editableTracks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          <FieldError error={serverError} field="trackId" local={localErrors.trackId} />
        </label>
        <label>
          Room
          <select value={roomId} onChange={(e) => setRoomId(e.target.value)} name="roomId">
            {schedule.rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
          <FieldError error={serverError} field="roomId" local={localErrors.roomId} />
        </label>
        <label>
          Day ({zone})
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} name="day" />
        </label>
      </div>
      <div>
        <span className="muted">Free in this room that day ({zone}):</span>
        <div className={styles.free} data-testid="free-slots">
          {free.length === 0 && <span className="muted">none</span>}
          {free.map((slot) => {
            const from = toZoned(slot.startsAt, zone);
            const to = toZoned(slot.endsAt, zone);
            const label = `${formatMinutes(from.minutes)}–${to.date !== from.date ? '24:00' : formatMinutes(to.minutes)}`;
            return (
              <button
                key={slot.startsAt.toISOString()}
                type="button"
                className="secondary"
                onClick={() => {
                  setStart(formatMinutes(from.minutes));
                  const oneHour = new Date(Math.min(slot.endsAt.getTime(), slot.startsAt.getTime() + 3_600_000));
                  const endLocal = toZoned(oneHour, zone);
                  setEnd(endLocal.date !== from.date ? '24:00' : formatMinutes(endLocal.minutes));
                }}
              >
                {label}
              </button>
            );
          })}
        </div>
      </div>
      <div className={styles.row}>
        <label>
          Start
          <input name="start" value={start} onChange={(e) => setStart(e.target.value)} placeholder="14:00" inputMode="numeric" aria-label="Start" />
          <FieldError error={serverError} field="start" local={localErrors.start} />
        </label>
        <label>
          End
          <input name="end" value={end} onChange={(e) => setEnd(e.target.value)} placeholder="15:00" inputMode="numeric" aria-label="End" />
          <FieldError error={serverError} field="end" local={localErrors.end} />
        </label>
      </div>
      <label>
        Title
        <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} aria-label="Title" />
        <FieldError error={serverError} field="title" local={localErrors.title} />
      </label>
      <label>
        Agenda (markdown)
        <textarea name="agenda" value={agenda} onChange={(e) => setAgenda(e.target.value)} rows={4} aria-label="Agenda" />
        <FieldError error={serverError} field="agenda" local={localErrors.agenda} />
      </label>
      <FormError error={serverError} fields={FIELDS} />
      <div className={styles.row}>
        <button type="submit" disabled={active.isPending}>
          {existing ? 'Save' : 'Book'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Close
        </button>
        {existing && !begun && (
          <button type="button" className="secondary" onClick={() => cancel.mutate({ sessionId: existing.id })} disabled={cancel.isPending}>
            Cancel this session
          </button>
        )}
      </div>
      {begun && (
        <p className="muted" data-testid="session-begun">
          This session has begun: its room and start stay as they are, and it cannot be cancelled, because its notes, chat and attendance are kept in the archive.
        </p>
      )}
    </form>
  );
}
