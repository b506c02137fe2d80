'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { useTRPC } from '../../../trpc/client';
import styles from './schedule.module.css';

type Schedule = RouterOutputs['schedule']['get'];

/** What an event's organisers change: publishing, rooms, tracks and chairs. The server checks they may. */
export function OrganiserPanel({ schedule }: { schedule: Schedule }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.schedule.get.queryFilter({ eventSlug: schedule.event.slug }));
  const eventId = schedule.event.id;

  const publish = useMutation(trpc.event.update.mutationOptions({ onSuccess: refresh }));
  const createRoom = useMutation(trpc.event.createRoom.mutationOptions({ onSuccess: refresh }));
  const createTrack = useMutation(trpc.track.create.mutationOptions({ onSuccess: refresh }));
  const addChair = useMutation(trpc.track.addChair.mutationOptions({ onSuccess: refresh }));

  const [room, setRoom] = useState({ slug: '', name: '', capacity: '' });
  const [track, setTrack] = useState({ slug: '', name: '', color: '#2f6f4f' });
  const [chair, setChair] = useState({ trackId: schedule.tracks[0]?.id ?? '', userId: '' });

  const err = (m: { error: { message: string; data?: { field?: string } | null } | null }, field: string): ReactNode =>
    m.error && (m.error.data?.field === field || !m.error.data?.field) ? (
      <span className="error" role="alert">
        {m.error.message}
      </span>
    ) : null;

  return (
    <details className={styles.form} data-testid="organiser-panel">
      <summary>Manage this event (organisers)</summary>
      <div className={styles.row}>
        <button type="button" onClick={() => publish.mutate({ eventId, published: !schedule.event.published })} disabled={publish.isPending}>
          {schedule.event.published ? 'Unpublish (back to draft)' : 'Publish'}
        </button>
        {err(publish, 'published')}
      </div>
      <form
        className={styles.row}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          createRoom.mutate({ eventId, slug: room.slug, name: room.name, capacity: room.capacity ? Number(room.capacity) : null }, { onSuccess: () => setRoom({ slug: '', name: '', capacity: '' }) });
        }}
        aria-label="Add a room"
      >
        <label>
          Room URL name (also its pad; stays once used)
          <input value={room.slug} onChange={(e) => setRoom({ ...room, slug: e.target.value })} placeholder="zuul-planning" />
          {err(createRoom, 'slug')}
        </label>
        <label>
          Room name
          <input value={room.name} onChange={(e) => setRoom({ ...room, name: e.target.value })} />
          {createRoom.error?.data?.field === 'name' && err(createRoom, 'name')}
        </label>
        <label>
          Capacity
          <input value={room.capacity} onChange={(e) => setRoom({ ...room, capacity: e.target.value })} inputMode="numeric" />
        </label>
        <button type="submit">Add room</button>
      </form>
      <form
        className={styles.row}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          createTrack.mutate({ eventId, ...track }, { onSuccess: () => setTrack({ slug: '', name: '', color: '#2f6f4f' }) });
        }}
        aria-label="Add a track"
      >
        <label>
          Track URL name
          <input value={track.slug} onChange={(e) => setTrack({ ...track, slug: e.target.value })} placeholder="nova" />
          {err(createTrack, 'slug')}
        </label>
        <label>
          Track name
          <input value={track.name} onChange={(e) => setTrack({ ...track, name: e.target.value })} />
        </label>
        <label>
          Colour
          <input type="color" value={track.color} onChange={(e) => setTrack({ ...track, color: e.target.value })} />
        </label>
        <button type="submit">Add track</button>
      </form>
      <form
        className={styles.row}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          addChair.mutate(chair, { onSuccess: () => setChair({ ...chair, userId: '' }) });
        }}
        aria-label="Add a chair"
      >
        <label>
          Track
          <select value={chair.trackId} onChange={(e) => setChair({ ...chair, trackId: e.target.value })}>
            {schedule.tracks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Chair&apos;s account id
          <input value={chair.userId} onChange={(e) => setChair({ ...chair, userId: e.target.value })} />
          {err(addChair, 'userId')}
        </label>
        <button type="submit">Add chair</button>
      </form>
    </details>
  );
}
