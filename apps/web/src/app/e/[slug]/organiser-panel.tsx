'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { useTRPC } from '../../../trpc/client';
import { FieldError, FormError } from '../../_forms/field-error';
import { timeZoneOptions } from '../../_forms/time-zones';
import { OrderedList } from './order-controls';
import { AddRoomForm, RoomForm } from './room-editor';
import { AddTrackForm, TrackEditor } from './track-editor';
import styles from './schedule.module.css';

type Schedule = RouterOutputs['schedule']['get'];
type EventSummary = Schedule['event'];

/**
 * What an event's organisers change: the event itself, publishing, rooms,
 * tracks and their chairs. The server checks they may, and its messages land
 * next to the field they are about.
 */
export function OrganiserPanel({ schedule }: { schedule: Schedule }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { event } = schedule;
  const chairsQuery = trpc.track.chairs.queryOptions({ eventId: event.id });
  const chairs = useQuery(chairsQuery);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.schedule.get.queryFilter({ eventSlug: event.slug })),
      queryClient.invalidateQueries(trpc.track.chairs.queryFilter({ eventId: event.id })),
    ]);
  const publish = useMutation(trpc.event.update.mutationOptions({ onSuccess: refresh }));
  const reorderRooms = useMutation(trpc.event.reorderRooms.mutationOptions({ onSuccess: refresh }));
  const reorderTracks = useMutation(trpc.track.reorder.mutationOptions({ onSuccess: refresh }));

  return (
    <details className={`${styles.form} ${styles.panel}`} data-testid="organiser-panel">
      <summary>Manage this event (organisers)</summary>

      <div className={styles.row}>
        <button type="button" onClick={() => publish.mutate({ eventId: event.id, published: !event.published })} disabled={publish.isPending}>
          {event.published ? 'Unpublish (back to draft)' : 'Publish'}
        </button>
        <span className="muted">{event.published ? 'Published: everyone sees this schedule.' : 'Draft: only the organisers see this schedule.'}</span>
        <FormError error={publish.error} fields={[]} />
      </div>

      <section className={styles.panelSection} aria-label="Event">
        <h3>Event</h3>
        {/* Keyed by the saved values: the form starts again from them after a save (or someone else's). */}
        <EventForm key={`${event.name}|${event.startsOn}|${event.endsOn}|${event.timeZone}`} event={event} onSaved={refresh} />
      </section>

      <section className={styles.panelSection} aria-label="Rooms">
        <h3>Rooms</h3>
        <p className="muted">
          A room&apos;s URL name (/r/…) is also the name of its shared notes pad in Etherpad, so it cannot change once the room exists; its name and capacity
          can. The order here is the order of the schedule&apos;s columns.
        </p>
        <OrderedList items={schedule.rooms} busy={reorderRooms.isPending} onReorder={(roomIds) => reorderRooms.mutate({ eventId: event.id, roomIds })}>
          {(room) => <RoomForm key={`${room.name}|${room.capacity ?? ''}`} room={room} onSaved={refresh} />}
        </OrderedList>
        <FieldError error={reorderRooms.error} field="roomIds" />
        <FormError error={reorderRooms.error} fields={['roomIds']} />
        <AddRoomForm eventId={event.id} onAdded={refresh} />
      </section>

      <section className={styles.panelSection} aria-label="Tracks">
        <h3>Tracks and chairs</h3>
        <p className="muted">A track&apos;s chairs book, move and cancel its sessions. Add them by their username.</p>
        {chairs.error && (
          <span className="error" role="alert">
            {chairs.error.message}
          </span>
        )}
        <OrderedList items={schedule.tracks} busy={reorderTracks.isPending} onReorder={(trackIds) => reorderTracks.mutate({ eventId: event.id, trackIds })}>
          {(track) => (
            <TrackEditor
              track={track}
              chairs={(chairs.data ?? []).filter((chair) => chair.trackId === track.id)}
              chairsLoaded={chairs.isSuccess}
              onChanged={refresh}
            />
          )}
        </OrderedList>
        <FieldError error={reorderTracks.error} field="trackIds" />
        <FormError error={reorderTracks.error} fields={['trackIds']} />
        <AddTrackForm eventId={event.id} onAdded={refresh} />
      </section>
    </details>
  );
}

const EVENT_FIELDS = ['name', 'startsOn', 'endsOn', 'timeZone'] as const;

/** Name, dates and time zone of the event (its URL name stays: links and calendar feeds use it). */
function EventForm({ event, onSaved }: { event: EventSummary; onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const update = useMutation(trpc.event.update.mutationOptions({ onSuccess: onSaved }));
  const [values, setValues] = useState({ name: event.name, startsOn: event.startsOn, endsOn: event.endsOn, timeZone: event.timeZone });
  const zones = useMemo(() => timeZoneOptions(event.timeZone), [event.timeZone]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ eventId: event.id, ...values });
  }

  return (
    <form className={styles.row} onSubmit={onSubmit} aria-label="Event details" noValidate>
      <label>
        Name
        <input value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} maxLength={120} />
        <FieldError error={update.error} field="name" />
      </label>
      <label>
        First day
        <input type="date" value={values.startsOn} onChange={(e) => setValues({ ...values, startsOn: e.target.value })} />
        <FieldError error={update.error} field="startsOn" />
      </label>
      <label>
        Last day
        <input type="date" value={values.endsOn} onChange={(e) => setValues({ ...values, endsOn: e.target.value })} />
        <FieldError error={update.error} field="endsOn" />
      </label>
      <label>
        Time zone
        <select value={values.timeZone} onChange={(e) => setValues({ ...values, timeZone: e.target.value })}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <FieldError error={update.error} field="timeZone" />
      </label>
      <div className={styles.actions}>
        <button type="submit" disabled={update.isPending}>
          Save event
        </button>
        <FormError error={update.error} fields={EVENT_FIELDS} />
      </div>
    </form>
  );
}
