'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { useTRPC } from '../../../trpc/client';
import { FieldError, FormError, type ServerError } from '../../_forms/field-error';
import styles from './schedule.module.css';

type Room = RouterOutputs['schedule']['get']['rooms'][number];

/** "" → no limit; "30" → 30; anything else is refused here, before asking the server. */
function parseCapacity(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : 'invalid';
}
const CAPACITY_HINT = 'Capacity is a whole number (empty: no limit)';

/** A local refusal shaped like the server's, so both show the same way next to the field. */
const localError = (field: string, message: string): ServerError => ({ message, data: { field } });

/** One room: name and capacity change; the URL name (its pad) does not. */
export function RoomForm({ room, onSaved }: { room: Room; onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const update = useMutation(trpc.event.updateRoom.mutationOptions({ onSuccess: onSaved }));
  const [name, setName] = useState(room.name);
  const [capacity, setCapacity] = useState(room.capacity === null ? '' : String(room.capacity));
  const [local, setLocal] = useState<ServerError | null>(null);
  const error = local ?? update.error;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseCapacity(capacity);
    setLocal(parsed === 'invalid' ? localError('capacity', CAPACITY_HINT) : null);
    if (parsed !== 'invalid') update.mutate({ roomId: room.id, name, capacity: parsed });
  }

  return (
    <form className={styles.row} onSubmit={onSubmit} aria-label={`Room ${room.slug}`} data-testid="room-form" noValidate>
      <div className={styles.fixed}>
        <span className="muted">URL name (pad; fixed)</span>
        <code>/r/{room.slug}</code>
      </div>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        <FieldError error={error} field="name" />
      </label>
      <label>
        Capacity
        <input value={capacity} onChange={(e) => setCapacity(e.target.value)} inputMode="numeric" size={6} />
        <FieldError error={error} field="capacity" />
      </label>
      <div className={styles.actions}>
        <button type="submit" className="secondary" disabled={update.isPending}>
          Save room
        </button>
        <FormError error={error} fields={['name', 'capacity']} />
      </div>
    </form>
  );
}

const EMPTY_ROOM = { slug: '', name: '', capacity: '' };

export function AddRoomForm({ eventId, onAdded }: { eventId: string; onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.event.createRoom.mutationOptions({ onSuccess: onAdded }));
  const [room, setRoom] = useState(EMPTY_ROOM);
  const [local, setLocal] = useState<ServerError | null>(null);
  const error = local ?? create.error;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const capacity = parseCapacity(room.capacity);
    setLocal(capacity === 'invalid' ? localError('capacity', CAPACITY_HINT) : null);
    if (capacity === 'invalid') return;
    create.mutate({ eventId, slug: room.slug.trim(), name: room.name, capacity }, { onSuccess: () => setRoom(EMPTY_ROOM) });
  }

  return (
    <form className={styles.row} onSubmit={onSubmit} aria-label="Add a room" noValidate>
      <label>
        New room&apos;s URL name (also its pad; cannot change later)
        <input value={room.slug} onChange={(e) => setRoom({ ...room, slug: e.target.value })} placeholder="zuul-planning" autoCapitalize="none" spellCheck={false} />
        <FieldError error={error} field="slug" />
      </label>
      <label>
        Room name
        <input value={room.name} onChange={(e) => setRoom({ ...room, name: e.target.value })} maxLength={120} />
        <FieldError error={error} field="name" />
      </label>
      <label>
        Capacity
        <input value={room.capacity} onChange={(e) => setRoom({ ...room, capacity: e.target.value })} inputMode="numeric" size={6} />
        <FieldError error={error} field="capacity" />
      </label>
      <div className={styles.actions}>
        <button type="submit" disabled={create.isPending}>
          Add room
        </button>
        <FormError error={error} fields={['slug', 'name', 'capacity']} />
      </div>
    </form>
  );
}
