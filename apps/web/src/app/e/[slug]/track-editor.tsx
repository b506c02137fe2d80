'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { useTRPC } from '../../../trpc/client';
import { FieldError, FormError } from '../../_forms/field-error';
import styles from './schedule.module.css';

type Track = RouterOutputs['schedule']['get']['tracks'][number];
type Chair = RouterOutputs['track']['chairs'][number];

const DEFAULT_COLOR = '#2f6f4f';

/** One track: its name and colour, and its chairs (listed by username, added by username). */
export function TrackEditor({ track, chairs, chairsLoaded, onChanged }: { track: Track; chairs: Chair[]; chairsLoaded: boolean; onChanged: () => Promise<unknown> }) {
  return (
    <div className={styles.trackBox} style={{ borderLeftColor: track.color }} data-testid="track-editor" data-track={track.slug}>
      {/* Keyed by the saved values: the form starts again from them after a save. */}
      <TrackForm key={`${track.name}|${track.color}`} track={track} onSaved={onChanged} />
      <ChairList track={track} chairs={chairs} loaded={chairsLoaded} onChanged={onChanged} />
      <AddChairForm track={track} onAdded={onChanged} />
    </div>
  );
}

function TrackForm({ track, onSaved }: { track: Track; onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const update = useMutation(trpc.track.update.mutationOptions({ onSuccess: onSaved }));
  const [name, setName] = useState(track.name);
  const [color, setColor] = useState(track.color);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ trackId: track.id, name, color });
  }

  return (
    <form className={styles.row} onSubmit={onSubmit} aria-label={`Track ${track.slug}`} noValidate>
      <div className={styles.fixed}>
        <span className="muted">URL name (calendar feed)</span>
        <code>{track.slug}</code>
      </div>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        <FieldError error={update.error} field="name" />
      </label>
      <label>
        Colour
        <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        <FieldError error={update.error} field="color" />
      </label>
      <div className={styles.actions}>
        <button type="submit" className="secondary" disabled={update.isPending}>
          Save track
        </button>
        <FormError error={update.error} fields={['name', 'color']} />
      </div>
    </form>
  );
}

function ChairList({ track, chairs, loaded, onChanged }: { track: Track; chairs: Chair[]; loaded: boolean; onChanged: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const remove = useMutation(trpc.track.removeChair.mutationOptions({ onSuccess: onChanged }));
  return (
    <div>
      <span className="muted">Chairs of {track.name}: </span>
      {loaded && chairs.length === 0 && <span className="muted">none yet</span>}
      <ul className={styles.chairList} aria-label={`Chairs of ${track.name}`}>
        {chairs.map((chair) => (
          <li key={chair.userId} data-testid="chair">
            <strong>{chair.username}</strong>
            {chair.displayName !== chair.username && <span className="muted"> ({chair.displayName})</span>}{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => remove.mutate({ trackId: track.id, userId: chair.userId })}
              disabled={remove.isPending}
              aria-label={`Remove ${chair.username} as chair of ${track.name}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <FormError error={remove.error} fields={[]} />
    </div>
  );
}

function AddChairForm({ track, onAdded }: { track: Track; onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.track.addChair.mutationOptions({ onSuccess: onAdded }));
  const [username, setUsername] = useState('');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    add.mutate({ trackId: track.id, username }, { onSuccess: () => setUsername('') });
  }

  return (
    <form className={styles.row} onSubmit={onSubmit} aria-label={`Add a chair to ${track.name}`} noValidate>
      <label>
        Chair&apos;s username
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoCapitalize="none" spellCheck={false} autoComplete="off" />
        <FieldError error={add.error} field="username" />
      </label>
      <div className={styles.actions}>
        <button type="submit" className="secondary" disabled={add.isPending || username.trim() === ''}>
          Add chair
        </button>
        <FormError error={add.error} fields={['username']} />
      </div>
    </form>
  );
}

const EMPTY_TRACK = { slug: '', name: '', color: DEFAULT_COLOR };

export function AddTrackForm({ eventId, onAdded }: { eventId: string; onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.track.create.mutationOptions({ onSuccess: onAdded }));
  const [track, setTrack] = useState(EMPTY_TRACK);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ eventId, ...track, slug: track.slug.trim() }, { onSuccess: () => setTrack(EMPTY_TRACK) });
  }

  return (
    <form className={styles.row} onSubmit={onSubmit} aria-label="Add a track" noValidate>
      <label>
        New track&apos;s URL name
        <input value={track.slug} onChange={(e) => setTrack({ ...track, slug: e.target.value })} placeholder="nova" autoCapitalize="none" spellCheck={false} />
        <FieldError error={create.error} field="slug" />
      </label>
      <label>
        Track name
        <input value={track.name} onChange={(e) => setTrack({ ...track, name: e.target.value })} maxLength={120} />
        <FieldError error={create.error} field="name" />
      </label>
      <label>
        Colour
        <input type="color" value={track.color} onChange={(e) => setTrack({ ...track, color: e.target.value })} />
        <FieldError error={create.error} field="color" />
      </label>
      <div className={styles.actions}>
        <button type="submit" disabled={create.isPending}>
          Add track
        </button>
        <FormError error={create.error} fields={['slug', 'name', 'color']} />
      </div>
    </form>
  );
}
