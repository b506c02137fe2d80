'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import type { RoomSummary } from '@padmeet/contract';
import { PreJoin, RoomMedia, usePreJoin, type MediaSession, type PreJoinResult } from '@padmeet/room-client';
import { useTRPC } from '../../../trpc/client';
import { useJoinAhead } from './join-ahead';
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
  const [joinedData, setJoinedData] = useState<Joined>();
  /** The devices go to the call, and the notes open beside the call's set-up, never in front of it. */
  const enter = (data: Joined, displayName: string) => {
    performance.mark('padmeet:join-response');
    setHanded(prejoin.handOver());
    setJoinedData(data);
    notes.mutate({ slug: room.slug, displayName: signedInAs ? undefined : displayName });
  };
  const join = useMutation(
    // A refused join keeps the devices in the preview.
    trpc.room.join.mutationOptions({ onSuccess: (data, variables) => enter(data, variables.displayName) }),
  );
  const { ahead, joinAhead, aheadTimer, refreshRef } = useJoinAhead(room.slug);
  useEffect(() => {
    if (!hydrated) return;
    // The remembered pseudonym (filled in on hydration) or the account's name.
    joinAhead(signedInAs ?? nameField.current?.value ?? '');
  }, [hydrated, joinAhead, signedInAs, nameField]);
  const { mutateAsync: refreshMediaAsync } = useMutation(trpc.room.refreshMedia.mutationOptions());
  const refreshMedia = useCallback(
    () => refreshMediaAsync({ slug: room.slug, displayName: name.trim() }),
    [refreshMediaAsync, room.slug, name],
  );
  refreshRef.current = refreshMedia;
  const [prepared, setPrepared] = useState<MediaSession>();
  const openNotes = useMutation(trpc.room.openNotes.mutationOptions());
  const { mutateAsync: openNotesAsync } = openNotes;
  const renewNotes = useCallback(
    async () => (await openNotesAsync({ slug: room.slug, displayName: signedInAs ? undefined : name.trim() })).notes,
    [openNotesAsync, room.slug, signedInAs, name],
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read from the form (typing before hydration counts); guests' pseudonyms are remembered.
    const typed = signedInAs ?? fieldOf(event.currentTarget, 'displayName');
    if (!signedInAs) rememberPseudonym(typed);
    setName(typed.trim());
    // The join benchmark measures from here to the first remote frame on screen.
    performance.clearMarks('padmeet:first-remote-frame');
    performance.mark('padmeet:join-click');
    const ready = ahead.current?.name === typed.trim() ? await ahead.current.data : undefined;
    // A token fetched ahead serves while it has more than a minute left.
    if (ready && ready.media.expiresAt - Date.now() > 60_000) {
      setPrepared(ahead.current?.session);
      if (ahead.current) ahead.current.session = undefined;
      return enter(ready, typed);
    }
    join.mutate({ slug: room.slug, displayName: typed, withNotes: false });
  }

  // The pad's page is heavy: it loads once the call's first picture is up (or after 2 s), so the two
  // do not compete for the browser's main thread during the join.
  const [padAllowed, setPadAllowed] = useState(false);
  const joinedAt = joinedData ? handed : undefined;
  useEffect(() => {
    if (!joinedAt) return;
    const timer = setTimeout(() => setPadAllowed(true), 2000);
    return () => clearTimeout(timer);
  }, [joinedAt]);
  const joined: Joined | undefined = joinedData;
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
        <form className="join" onSubmit={(event) => void onSubmit(event)}>
          {signedInAs ? (
            <p data-testid="joining-as">
              You join as <strong>{signedInAs}</strong> (signed in).
            </p>
          ) : (
            <>
              <label htmlFor="display-name">Your name (shown to others; no account needed)</label>
              <input
                id="display-name"
                name="displayName"
                ref={nameField}
                maxLength={64}
                autoComplete="nickname"
                required
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  clearTimeout(aheadTimer.current);
                  aheadTimer.current = setTimeout(() => joinAhead(value), 400);
                }}
              />
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
          prepared={prepared}
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
