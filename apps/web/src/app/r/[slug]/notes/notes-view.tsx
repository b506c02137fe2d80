'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RoomSummary } from '@padmeet/contract';
import { useTRPC } from '../../../../trpc/client';
import { fieldOf, useHydrated } from '../../../account/use-hydrated';
import { NotesPanel } from '../notes-panel';
import { rememberPseudonym, usePseudonymField } from '../pseudonym';

/** The notes of a room in a page of their own. Signed-in people open them at once; guests first give the name they write under. */
export function NotesView({ room, signedInAs }: { room: RoomSummary; signedInAs: string | null }) {
  const trpc = useTRPC();
  const open = useMutation(trpc.room.openNotes.mutationOptions());
  const { mutate, mutateAsync } = open;
  const [name, setName] = useState('');
  const hydrated = useHydrated();
  const nameField = usePseudonymField();

  useEffect(() => {
    if (signedInAs) mutate({ slug: room.slug });
  }, [mutate, room.slug, signedInAs]);

  const renew = useCallback(
    async () => (await mutateAsync({ slug: room.slug, displayName: signedInAs ? undefined : name.trim() })).notes,
    [mutateAsync, room.slug, signedInAs, name],
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = fieldOf(event.currentTarget, 'displayName');
    rememberPseudonym(typed);
    setName(typed.trim());
    mutate({ slug: room.slug, displayName: typed });
  }

  const heading = (
    <div className="room-toolbar">
      <h1 style={{ margin: 0, fontSize: '1.2rem' }}>Notes: {room.name}</h1>
      <a href={`/e/${room.eventSlug}`} className="muted">
        {room.eventName}
      </a>
      <a href={`/r/${room.slug}`} className="muted">
        Join the call
      </a>
    </div>
  );

  if (open.data) {
    return (
      <section>
        {heading}
        <div className="pad notes-page" aria-label="Shared notes">
          <NotesPanel title={room.name} initial={open.data.notes} renew={renew} />
        </div>
      </section>
    );
  }

  const refusal = open.error && open.error.data?.field !== 'displayName' ? open.error : null;
  return (
    <section>
      {heading}
      {refusal ? (
        <div role="alert" data-testid="notes-refused">
          <p className="error">{refusal.message}</p>
          <p>
            {refusal.data?.code === 'FORBIDDEN' && !signedInAs && (
              <>
                <a href={`/signin?callbackUrl=${encodeURIComponent(`/r/${room.slug}/notes`)}`}>Sign in</a> ·{' '}
              </>
            )}
            <a href={`/e/${room.eventSlug}`}>Back to the schedule</a>
          </p>
        </div>
      ) : signedInAs ? (
        <p className="muted">Opening the notes as {signedInAs}…</p>
      ) : (
        <form className="join" onSubmit={onSubmit}>
          <label htmlFor="notes-name">Your name in the notes (no account needed)</label>
          <input id="notes-name" name="displayName" ref={nameField} maxLength={64} autoComplete="nickname" required />
          {open.error?.data?.field === 'displayName' && <p className="error" role="alert">{open.error.message}</p>}
          <button type="submit" disabled={open.isPending || !hydrated}>
            {open.isPending ? 'Opening…' : 'Open the notes'}
          </button>
        </form>
      )}
    </section>
  );
}
