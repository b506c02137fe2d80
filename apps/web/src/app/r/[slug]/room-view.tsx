'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import type { RoomSummary } from '@padmeet/contract';
import { PreJoin, RoomMedia, usePreJoin, type PreJoinResult } from '@padmeet/room-client';
import { useTRPC } from '../../../trpc/client';
import { fieldOf, useHydrated } from '../../account/use-hydrated';
import { RoomNowNext } from '../../e/[slug]/now-next';
import { NotesPanel } from './notes-panel';
import { rememberPseudonym, usePseudonymField } from './pseudonym';

type Joined = RouterOutputs['room']['join'];

/** Guests give a pseudonym (remembered in this browser); signed-in people join under their account name. */
export function RoomView({ room, signedInAs = null }: { room: RoomSummary; signedInAs?: string | null }) {
  const trpc = useTRPC();
  const [name, setName] = useState(signedInAs ?? '');
  const [notesOpen, setNotesOpen] = useState(true);
  const hydrated = useHydrated();
  const nameField = usePseudonymField();
  const prejoin = usePreJoin();
  const [handed, setHanded] = useState<PreJoinResult>();
  const notes = useMutation(trpc.room.openNotes.mutationOptions());
  const join = useMutation(
    trpc.room.join.mutationOptions({
      // The devices opened in the pre-join go to the call; a refused join keeps them in the preview.
      onSuccess: (_data, variables) => {
        performance.mark('padmeet:join-response');
        setHanded(prejoin.handOver());
        // The notes open beside the call's set-up, never in front of it.
        notes.mutate({ slug: room.slug, displayName: signedInAs ? undefined : variables.displayName });
      },
    }),
  );
  const { mutateAsync: refreshMediaAsync } = useMutation(trpc.room.refreshMedia.mutationOptions());
  const refreshMedia = useCallback(
    () => refreshMediaAsync({ slug: room.slug, displayName: name.trim() }),
    [refreshMediaAsync, room.slug, name],
  );
  const openNotes = useMutation(trpc.room.openNotes.mutationOptions());
  const { mutateAsync: openNotesAsync } = openNotes;
  const renewNotes = useCallback(
    async () => (await openNotesAsync({ slug: room.slug, displayName: signedInAs ? undefined : name.trim() })).notes,
    [openNotesAsync, room.slug, signedInAs, name],
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the form (typing before hydration counts); guests' pseudonyms are remembered.
    const typed = signedInAs ?? fieldOf(event.currentTarget, 'displayName');
    if (!signedInAs) rememberPseudonym(typed);
    setName(typed.trim());
    // The join benchmark measures from here to the first remote frame on screen.
    performance.clearMarks('padmeet:first-remote-frame');
    performance.mark('padmeet:join-click');
    join.mutate({ slug: room.slug, displayName: typed, withNotes: false });
  }

  // The pad's page is heavy: it loads once the call's first picture is up (or after 2 s), so the two
  // do not compete for the browser's main thread during the join.
  const [padAllowed, setPadAllowed] = useState(false);
  const joinedAt = join.data ? handed : undefined;
  useEffect(() => {
    if (!joinedAt) return;
    const timer = setTimeout(() => setPadAllowed(true), 2000);
    return () => clearTimeout(timer);
  }, [joinedAt]);
  const joined: Joined | undefined = join.data;
  const scheduleHref = `/e/${room.eventSlug}`;
  if (!joined || !handed) {
    const fieldError = join.error?.data?.field === 'displayName' ? join.error.message : null;
    return (
      <section>
        <h1>{room.name}</h1>
        <p className="muted">
          <a href={`/e/${room.eventSlug}`}>{room.eventName}</a>
        </p>
        <RoomNowNext eventSlug={room.eventSlug} roomSlug={room.slug} />
        <form className="join" onSubmit={onSubmit}>
          {signedInAs ? (
            <p data-testid="joining-as">
              You join as <strong>{signedInAs}</strong> (signed in).
            </p>
          ) : (
            <>
              <label htmlFor="display-name">Your name (shown to others; no account needed)</label>
              <input id="display-name" name="displayName" ref={nameField} maxLength={64} autoComplete="nickname" required />
            </>
          )}
          <PreJoin controls={prejoin} />
          {fieldError && <p className="error" role="alert">{fieldError}</p>}
          {join.error && !fieldError && (
            <p className="error" role="alert" data-testid="join-refused">
              {join.error.message} <a href={scheduleHref}>Back to the schedule</a>
            </p>
          )}
          <button type="submit" disabled={join.isPending || !hydrated}>
            {join.isPending ? 'Joining…' : 'Join room'}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section>
      <div className="room-toolbar">
        <h1 style={{ margin: 0, fontSize: '1.2rem' }}>{room.name}</h1>
        <button type="button" className="secondary" onClick={() => setNotesOpen((open) => !open)} aria-pressed={notesOpen}>
          {notesOpen ? 'Close notes' : 'Open notes'}
        </button>
        <a href={`/r/${room.slug}/notes`} target="_blank" rel="noreferrer" className="muted">
          Notes in their own tab
        </a>
        <RoomNowNext eventSlug={room.eventSlug} roomSlug={room.slug} />
      </div>
      <div className={notesOpen ? 'room' : 'room notes-closed'}>
        <RoomMedia
          sfuUrl={joined.media.url}
          token={joined.media.token}
          displayName={name.trim()}
          local={handed}
          refreshToken={refreshMedia}
          scheduleHref={scheduleHref}
          onLeave={() => window.location.assign(`/r/${room.slug}`)}
          onMediaReady={() => setPadAllowed(true)}
        />
        {notesOpen && (
          <aside className="pad" aria-label="Shared notes">
            {padAllowed && notes.data ? (
              <NotesPanel title={room.name} initial={notes.data.notes} renew={renewNotes} />
            ) : notes.error ? (
              <p className="error" role="alert" style={{ padding: '1rem' }}>
                {notes.error.message}
              </p>
            ) : (
              <p className="muted" style={{ padding: '1rem' }}>
                Opening the notes…
              </p>
            )}
          </aside>
        )}
      </div>
    </section>
  );
}
