'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { startTransition, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { preloadPadFiles } from '@padmeet/pad/preload';
import { personColour, type RoomNotes, type RoomSummary } from '@padmeet/contract';
import { joinTokenSubject, localChoiceOf, PreJoin, RoomMedia, usePreJoin, type MediaSession, type PreJoinResult } from '@padmeet/room-client';
import { useTRPC } from '../../../trpc/client';
import { useJoinAhead, within } from './join-ahead';
import { fieldOf, useHydrated } from '../../account/use-hydrated';
import { RoomNowNext } from '../../e/[slug]/now-next';
import { ChatPanel } from './chat-panel';
import { HandsPanel } from './hands-panel';
import { NotesPanel } from './notes-panel';
import { rememberPseudonym, usePseudonymField } from './pseudonym';
import { SessionClock } from './session-clock';

type Joined = RouterOutputs['room']['join'];
type Stage = 'pad' | 'video';
type Tab = 'pad' | 'people' | 'chat';
const STAGE_KEY = 'padmeet.stage';
/** How long the click waits for a join asked ahead before it asks again itself. */
const AHEAD_WAIT_MS = 8_000;

/** The layout chosen in this browser: the notes on the main area (the default) or the video. */
function useStage(): [Stage, (next: Stage) => void] {
  const [stage, setStage] = useState<Stage>('pad');
  useEffect(() => {
    try {
      if (globalThis.localStorage?.getItem(STAGE_KEY) === 'video') setStage('video');
    } catch {
      // Storage blocked: the default holds.
    }
  }, []);
  const choose = useCallback((next: Stage) => {
    setStage(next);
    try {
      globalThis.localStorage?.setItem(STAGE_KEY, next);
    } catch {
      // Not remembered; the choice holds on this page.
    }
  }, []);
  return [stage, choose];
}

/** This person's colour, as the SFU gives it to the others (from the join token's subject). */
function personColourOf(token: string): string | undefined {
  const subject = joinTokenSubject(token);
  return subject ? personColour(subject) : undefined;
}

/** Guests give a pseudonym (remembered in this browser); signed-in people join under their account name. */
export function RoomView({ room, signedInAs = null, padPath = '/pad' }: { room: RoomSummary; signedInAs?: string | null; padPath?: string }) {
  const trpc = useTRPC();
  const [name, setName] = useState(signedInAs ?? '');
  const [notesOpen, setNotesOpen] = useState(true);
  const [stage, chooseStage] = useStage();
  /** A screen share or a clicked tile holds the main area (the pad comes back after). */
  const [videoOnMain, setVideoOnMain] = useState(false);
  /** Phones: the section shown under the call. Wide screens: the side panel's tab. */
  const [tab, setTab] = useState<Tab>('pad');
  const [sideTab, setSideTab] = useState<'people' | 'chat'>('people');
  /** The test clock (`?at=`, honoured only by a test stack's stream); null: real time. */
  const [clockParam, setClockParam] = useState<string | null>();
  useEffect(() => setClockParam(new URLSearchParams(window.location.search).get('at')), []);
  // Who may extend: the schedule's own answer for this viewer (its chairs' tracks, or every track
  // for the event's organisers and admins); guests never. The server checks again.
  const { data: editable } = useQuery({ ...trpc.schedule.get.queryOptions({ eventSlug: room.eventSlug }), enabled: !!signedInAs, staleTime: 60_000 });
  const canExtend = useCallback((trackId: string) => !!editable && (editable.can.editEvent || editable.can.editTrackIds.includes(trackId)), [editable]);
  const hydrated = useHydrated();
  const nameField = usePseudonymField();
  const prejoin = usePreJoin();
  const [handed, setHanded] = useState<PreJoinResult>();
  const notes = useMutation(trpc.room.openNotes.mutationOptions());
  const [notesAhead, setNotesAhead] = useState<RoomNotes>();
  const notesReady = notesAhead ?? notes.data?.notes;
  const [joinedData, setJoinedData] = useState<Joined>();
  const { ahead, joinAhead, openEarly, earlyNotes, hold, aheadTimer, refreshRef, preloadable: preloaded } = useJoinAhead(room.slug);
  // The notes load beside the pre-join (out of sight) once opened ahead (see useJoinAhead), and the
  // same pad page then shows in the room: ready at the click instead of starting there.
  /** Set once the page has entered the room: the pre-join may still show while React draws the room, and a second click there is not a second join. */
  const entered = useRef(false);
  /** The devices go to the call, and the notes open beside the call's set-up, never in front of it. */
  const enter = (data: Joined, displayName: string, session?: MediaSession) => {
    if (entered.current) return;
    entered.current = true;
    performance.mark('padmeet:join-response');
    const devices = prejoin.handOver();
    // A call prepared on the pre-join joins now, before any state changes here. (The call's
    // component starts it again when it mounts, which changes nothing.)
    session?.start(localChoiceOf(devices));
    // The room is drawn as a transition: React draws it in slices, between which the browser
    // handles the SFU's answer and the first picture, instead of one long task that holds them.
    startTransition(() => {
      setPrepared(session);
      setHanded(devices);
      setJoinedData(data);
      // Joined ahead: the notes came with the join answer; otherwise they are asked for now.
      if (data.pad) setNotesAhead(data.pad);
    });
    // A new guest's notes opened before any name load from the click (useJoinAhead); otherwise they are asked for now.
    if (!data.pad) {
      void earlyNotes().then((opened) => {
        if (opened?.status !== 'ready') notes.mutate({ slug: room.slug, displayName: signedInAs ? undefined : displayName });
      });
    }
  };
  const join = useMutation(
    // A refused join keeps the devices in the preview.
    trpc.room.join.mutationOptions({ onSuccess: (data, variables) => enter(data, variables.displayName) }),
  );
  useEffect(() => {
    if (!hydrated) return;
    // The remembered pseudonym (filled in on hydration) or the account's name; a new guest's notes
    // open while they type their name.
    const known = signedInAs ?? nameField.current?.value ?? '';
    if (known.trim()) joinAhead(known);
    else openEarly(prejoin.whenOpened);
  }, [hydrated, joinAhead, openEarly, signedInAs, nameField, prejoin.whenOpened]);
  // While the pre-join shows, the pad page's files go into the browser's cache (the list comes from
  // the pad proxy), so the notes open at the click without loading them one after the other.
  useEffect(() => {
    if (hydrated) void preloadPadFiles({ prefix: padPath });
  }, [hydrated, padPath]);
  const { mutateAsync: refreshMediaAsync } = useMutation(trpc.room.refreshMedia.mutationOptions());
  const refreshMedia = useCallback(
    () => refreshMediaAsync({ slug: room.slug, displayName: name.trim() }),
    [refreshMediaAsync, room.slug, name],
  );
  refreshRef.current = refreshMedia;
  const [prepared, setPrepared] = useState<MediaSession>();
  const openNotes = useMutation(trpc.room.openNotes.mutationOptions());
  const { mutateAsync: openNotesAsync } = openNotes;
  // A pad preloaded on the pre-join renews under the name it was opened with (the guest's name is set
  // here only at the click; a long look at the preview outlasts 2/3 of its session), or none yet.
  const notesName = name.trim() || preloaded?.name || undefined;
  const renewNotes = useCallback(
    async () => (await openNotesAsync({ slug: room.slug, displayName: signedInAs ? undefined : notesName })).notes,
    [openNotesAsync, room.slug, signedInAs, notesName],
  );

  /** A second click while the first one's join is under way is the same join. */
  const submitting = useRef(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting.current || entered.current) return;
    submitting.current = true;
    hold();
    try {
      await submit(event.currentTarget);
    } finally {
      submitting.current = false;
    }
  }

  async function submit(form: HTMLFormElement) {
    // Read from the form (typing before hydration counts); guests' pseudonyms are remembered.
    const typed = signedInAs ?? fieldOf(form, 'displayName');
    if (!signedInAs) rememberPseudonym(typed);
    setName(typed.trim());
    // The join benchmark measures from here to the first remote frame on screen.
    performance.clearMarks('padmeet:first-remote-frame');
    performance.mark('padmeet:join-click');
    // The join for this name starts now if it was not asked ahead (the typing's debounce is cut short).
    // One join request at a time: a guest's first answer sets the cookie their identity comes from, so
    // two in flight without it would give the call, the chat and the pad two different people.
    clearTimeout(aheadTimer.current);
    // A join asked ahead that never answers (a request stuck on the way) holds the click at most
    // AHEAD_WAIT_MS; the click then asks itself.
    if (ahead.current?.name !== typed.trim()) {
      await within(ahead.current?.data, AHEAD_WAIT_MS);
      joinAhead(typed);
    }
    // A click while the browser still opens the camera and microphone waits for them (at most 5 s).
    await prejoin.whenOpened(5_000);
    const ready = ahead.current?.name === typed.trim() ? await within(ahead.current.data, AHEAD_WAIT_MS) : undefined;
    // A token fetched ahead serves while it has more than a minute left.
    if (ready && ready.media.expiresAt - Date.now() > 60_000) {
      const session = ahead.current?.session;
      if (ahead.current) ahead.current.session = undefined;
      enter(ready, typed, session);
      return;
    }
    // Asked again here: the join asked ahead is dropped (its prepared call closed; an answer that
    // still comes prepares nothing).
    ahead.current?.session?.stop();
    ahead.current = undefined;
    join.mutate({ slug: room.slug, displayName: typed, withNotes: false });
  }

  // What the join does not need comes once the call's first picture is up (or after 2 s), so that
  // none of it competes for the browser's main thread during the join: the session clock, the people
  // and the chat. (Not the pad: see padPanel.)
  const [settled, setSettled] = useState(false);
  const joinedAt = joinedData ? handed : undefined;
  useEffect(() => {
    if (!joinedAt) return;
    const timer = setTimeout(() => setSettled(true), 2000);
    return () => clearTimeout(timer);
  }, [joinedAt]);
  const joined: Joined | undefined = joinedData;
  const scheduleHref = `/e/${room.eventSlug}`;
  const inRoom = !!joined && !!handed;
  // Before the click only a preloaded pad shows (out of sight); in the room, the notes that came with
  // the join (or were asked for at it), else the preloaded ones.
  const padNotes = inRoom ? (notesReady ?? preloaded?.notes) : preloaded?.notes;
  const colour = joined ? personColourOf(joined.media.token) : undefined;
  // The pad page keeps its place in the page's tree from the pre-join to the room (same parents,
  // same keys), so React moves nothing and the browser does not load it again. Not loaded before the
  // click (the person clicked before the call was prepared, or a new guest before their camera and
  // microphone were open): it starts as soon as its notes are at hand, beside the call's set-up,
  // which mostly waits on the network.
  const padPanel = padNotes && (
    <NotesPanel
      key={preloaded?.name ?? name}
      title={room.name}
      initial={padNotes}
      renew={renewNotes}
      authorName={signedInAs ? undefined : name.trim() || undefined}
      outOfSight={!inRoom}
    />
  );
  if (!inRoom) {
    const fieldError = join.error?.data?.field === 'displayName' ? join.error.message : null;
    return (
      <section>
        <div key="head">
          <h1>{room.name}</h1>
          <p className="muted">
            <a href={`/e/${room.eventSlug}`}>{room.eventName}</a>
          </p>
          <RoomNowNext eventSlug={room.eventSlug} roomSlug={room.slug} />
        </div>
        <div key="body">
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
          {padPanel && (
            // Out of sight and out of reach (no focus, no clicks) until the room shows it.
            <aside key="pad" className="pad pad-preload" aria-hidden inert data-testid="pad-area">
              {padPanel}
            </aside>
          )}
        </div>
      </section>
    );
  }

  const arrangement = !notesOpen ? 'call' : stage === 'video' ? 'video' : videoOnMain ? 'call' : 'pad';
  const panelProps = { slug: room.slug, displayName: name.trim() };
  return (
    <section className="room-page">
      <div key="head" className="room-toolbar">
        <h1 style={{ margin: 0, fontSize: '1.2rem' }}>{room.name}</h1>
        {settled && <SessionClock eventSlug={room.eventSlug} roomSlug={room.slug} clockParam={clockParam} canExtend={canExtend} />}
        <button type="button" className="secondary" data-testid="toggle-stage" aria-pressed={stage === 'video'} onClick={() => chooseStage(stage === 'pad' ? 'video' : 'pad')}>
          {stage === 'pad' ? 'Video first' : 'Notes first'}
        </button>
        <button type="button" className="secondary" onClick={() => setNotesOpen((open) => !open)} aria-pressed={notesOpen}>
          {notesOpen ? 'Close notes' : 'Open notes'}
        </button>
        <a href={`/r/${room.slug}/notes`} target="_blank" rel="noreferrer" className="muted">
          Notes in their own tab
        </a>
      </div>
      <div key="body" className="room" data-testid="room-layout" data-arrangement={arrangement} data-tab={tab}>
        <div key="media" className="room-media">
          <RoomMedia
            sfuUrl={joined.media.url}
            token={joined.media.token}
            displayName={name.trim()}
            local={handed}
            refreshToken={refreshMedia}
            scheduleHref={scheduleHref}
            onLeave={() => window.location.assign(`/r/${room.slug}`)}
            onMediaReady={() => startTransition(() => setSettled(true))}
            prepared={prepared}
            stage={notesOpen ? stage : 'video'}
            onMainChange={setVideoOnMain}
            colour={colour}
          />
        </div>
        {notesOpen && (
          // Always mounted while open (hidden while a video holds the main area): the pad does not reload.
          <aside key="pad" className="pad" aria-label="Shared notes" data-testid="pad-area">
            {padPanel ? (
              padPanel
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
        <aside key="side" className="room-side" aria-label="People and chat">
          <div role="tablist" className="side-tabs" aria-label="People and chat">
            {(['people', 'chat'] as const).map((which) => (
              <button
                key={which}
                type="button"
                role="tab"
                className="secondary"
                aria-selected={sideTab === which}
                data-testid={`side-tab-${which}`}
                onClick={() => setSideTab(which)}
              >
                {which === 'people' ? 'People' : 'Chat'}
              </button>
            ))}
          </div>
          <div className="side-panel" data-panel="people" data-active={(tab === 'pad' ? sideTab : tab) === 'people'}>
            {settled && <HandsPanel {...panelProps} />}
          </div>
          <div className="side-panel" data-panel="chat" data-active={(tab === 'pad' ? sideTab : tab) === 'chat'}>
            {settled && <ChatPanel {...panelProps} />}
          </div>
        </aside>
      </div>
      {/* Phones: one column, and this bar (at the thumb) chooses between the notes, the people and the chat. */}
      <nav key="tabs" className="room-tabs" aria-label="Room sections" data-testid="room-tabs">
        {(['pad', 'people', 'chat'] as const).map((which) => (
          <button key={which} type="button" className="secondary" aria-pressed={tab === which} data-testid={`room-tab-${which}`} onClick={() => setTab(which)}>
            {which === 'pad' ? 'Notes' : which === 'people' ? 'People' : 'Chat'}
          </button>
        ))}
      </nav>
    </section>
  );
}
