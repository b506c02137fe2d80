'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoomNotes } from '@padmeet/contract';

/** Renew the pad session when this share of its life has passed (it lasts as long as a join token). */
const RENEW_AT = 2 / 3;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

/** What the pad page (Etherpad patch 16) tells the page that frames it. */
type PadState = 'connecting' | 'connected' | 'unreachable' | 'refused';
const PAD_STATES: readonly PadState[] = ['connecting', 'connected', 'unreachable', 'refused'];

/** The pad page's state from one of its messages, or undefined when the message is something else. */
function padStateOf(data: unknown): PadState | undefined {
  if (typeof data !== 'object' || data === null || (data as { padmeet?: unknown }).padmeet !== 'pad-state') return undefined;
  const state = (data as { state?: unknown }).state;
  return PAD_STATES.find((known) => known === state);
}

/** The origin the pad is on: its own (an absolute URL), or this page's (`/pad/…`). Browser only. */
function padOriginOf(url: string): string {
  return new URL(url, window.location.href).origin;
}

/** Wait before asking again after `failures` failed tries in a row: 2 s, 4 s, 8 s … at most 30 s. */
function backoffMs(failures: number): number {
  return Math.min(RETRY_MIN_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

/**
 * A room's notes: the room's pad in an iframe (on the pad's own origin, or at /pad on padmeet's),
 * kept open for as long as the page is. The pad page and this panel talk by message only
 * (infra/etherpad/patches/16-tells-its-page-by-message.patch): it says when its state changes,
 * this panel gives it the person's name.
 * - The Etherpad session (a cookie set by the server) is renewed before it ends, so a reconnect
 *   of the pad's socket is always let in; the pad itself is not reloaded for that, so nothing
 *   typed is lost.
 * - Etherpad down when opening: the area says so and asks again by itself, with backoff.
 * - Etherpad lost while open (the pad shows its connection-problem box), or the pad refused because
 *   its pass ended unrenewed (a laptop asleep past the renewal; the pad shows "You do not have
 *   permission"): the area says so, asks padmeet again until Etherpad answers, then reloads the pad.
 * - The same person may have the pad open in several places at once (the room and the notes in
 *   their own tab): Etherpad patch 18 keeps every one of them connected.
 * - The person writes in their colour (`notes.colour`), as on their tile.
 * - `outOfSight`: the pad loads hidden (beside the pre-join) and must not take the focus from the
 *   page; the pad's first address says so, and the pad is told when that changes.
 * - `authorName`: the name to write under, given to the pad (which applies it once connected) when
 *   the pad was opened before the person had one (a new guest's pad loads while they type their
 *   name). Etherpad keeps it on their author and shows it to the others at once.
 */
export function NotesPanel({
  title,
  initial,
  renew,
  authorName,
  outOfSight = false,
}: {
  title: string;
  initial: RoomNotes;
  renew: () => Promise<RoomNotes>;
  authorName?: string;
  outOfSight?: boolean;
}) {
  const [notes, setNotes] = useState<RoomNotes>(initial);
  const [generation, setGeneration] = useState(0);
  /** Why the open pad stopped: Etherpad unreachable, or its pass refused. */
  const [lost, setLost] = useState<false | 'unreachable' | 'refused'>(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const renewRef = useRef(renew);
  renewRef.current = renew;

  // Renew before the session ends; when Etherpad is down, ask again with backoff until it answers.
  // A failed renewal keeps the pad shown while its session still holds.
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let latest = initial;
    let renewAt = 0;
    const plan = () => {
      if (latest.status === 'ready' && failures === 0) {
        const now = Date.now();
        renewAt = now + Math.max(1_000, (latest.validUntil - now) * RENEW_AT);
      } else {
        renewAt = Date.now() + backoffMs(failures);
      }
      timer = setTimeout(run, renewAt - Date.now());
    };
    const run = async () => {
      clearTimeout(timer);
      const next = await renewRef.current().catch((error: unknown): RoomNotes => ({ status: 'unavailable', message: error instanceof Error ? error.message : 'The notes could not be opened.' }));
      if (cancelled) return;
      if (next.status === 'ready') {
        failures = 0;
        latest = next;
        setNotes(next);
      } else {
        failures += 1;
        if (latest.status !== 'ready' || latest.validUntil <= Date.now()) {
          latest = next;
          setNotes(next);
        }
      }
      plan();
    };
    plan();
    // A laptop waking up: its timers ran late; renew at once when past the renewal point.
    const onWake = () => {
      if (document.visibilityState === 'visible' && Date.now() >= renewAt) void run();
    };
    document.addEventListener('visibilitychange', onWake);
    window.addEventListener('online', onWake);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onWake);
      window.removeEventListener('online', onWake);
    };
  }, [initial]);

  // The pad's state, as its page tells it: Etherpad's own connection-problem box (Etherpad down,
  // or a reconnect refused) and its refusal of an open connection (no valid pass left). Each time
  // it speaks, it is told whether it is out of sight and the person's name (which it applies once
  // connected, and only once; Etherpad takes a name change only with a colour given as hex, hence
  // the `userColor` the pad opens with).
  const authorNameRef = useRef(authorName);
  authorNameRef.current = authorName;
  const outOfSightRef = useRef(outOfSight);
  outOfSightRef.current = outOfSight;
  // Fixed for the panel's life: a changed address would load the pad again.
  const [loadedOutOfSight] = useState(outOfSight);
  const padUrl = notes.status === 'ready' ? notes.url : undefined;
  /** The pad's page has spoken since the frame (re)loaded: before, the frame may still hold its first, empty document, which a message for the pad's origin does not reach. */
  const padSpoke = useRef(false);
  const tellPad = useCallback(() => {
    const name = authorNameRef.current;
    const target = frame.current?.contentWindow;
    if (!target || !padUrl || !padSpoke.current) return;
    target.postMessage({ padmeet: 'sight', outOfSight: outOfSightRef.current }, padOriginOf(padUrl));
    if (name) target.postMessage({ padmeet: 'name', name }, padOriginOf(padUrl));
  }, [padUrl]);
  useEffect(() => {
    if (!padUrl) return;
    const expected = padOriginOf(padUrl);
    padSpoke.current = false;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.current?.contentWindow || event.origin !== expected) return;
      const state = padStateOf(event.data);
      if (!state) return;
      padSpoke.current = true;
      setLost(state === 'refused' || state === 'unreachable' ? state : false);
      tellPad();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [padUrl, tellPad, generation]);
  // A name typed, or the pad brought into sight, after the pad's page last spoke (before it first
  // speaks, it is told then).
  useEffect(() => tellPad(), [authorName, outOfSight, tellPad]);

  // Lost: ask padmeet again (a fresh session) until Etherpad answers, then reload the pad.
  useEffect(() => {
    if (!lost) return;
    let cancelled = false;
    let failures = 1;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = async () => {
      const next = await renewRef.current().catch(() => null);
      if (cancelled) return;
      // With the person's cookies on the pad's own origin too (its listener lets this origin read the answer).
      const up = next?.status === 'ready' && (await fetch(next.url, { method: 'HEAD', cache: 'no-store', credentials: 'include' }).then((r) => r.ok, () => false));
      if (cancelled) return;
      if (up && next) {
        setNotes(next);
        setLost(false);
        setGeneration((g) => g + 1);
      } else {
        failures += 1;
        timer = setTimeout(attempt, backoffMs(failures));
      }
    };
    timer = setTimeout(attempt, backoffMs(failures));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [lost]);

  if (notes.status !== 'ready') {
    return (
      <p className="error" data-testid="pad-unavailable" role="status" style={{ padding: '1rem' }}>
        {notes.message} Trying again by itself…
      </p>
    );
  }
  return (
    <>
      {lost && (
        <p className="error" data-testid="pad-reconnecting" role="status" style={{ margin: 0, padding: '0.5rem 1rem' }}>
          {lost === 'refused'
            ? 'The pass to these notes ended while this page could not renew it; the notes reopen by themselves with a new one.'
            : 'The notes server is not reachable right now; the notes come back by themselves when it answers.'}
        </p>
      )}
      {/* Sandboxed as far as Etherpad still works (its editor is built from nested srcdoc frames and
          sockets on the pad's origin, which it needs as its own): no navigating padmeet's page,
          no forms, no modal dialogs; links in the pad open in a new tab. */}
      <iframe
        key={generation}
        ref={frame}
        title={`Notes: ${title}`}
        src={`${notes.url}?showChat=false&userColor=${encodeURIComponent(notes.colour)}${loadedOutOfSight ? '&padmeetOutOfSight=1' : ''}`}
        data-testid="pad-frame"
        sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads"
        referrerPolicy="same-origin"
      />
    </>
  );
}
