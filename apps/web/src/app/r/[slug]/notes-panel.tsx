'use client';

import { useEffect, useRef, useState } from 'react';
import type { RoomNotes } from '@padmeet/contract';

/** Renew the pad session when this share of its life has passed (it lasts as long as a join token). */
const RENEW_AT = 2 / 3;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;
const WATCH_EVERY_MS = 3_000;
/** How often to look whether the pad's page has connected, to give it the person's name. */
const NAME_POLL_MS = 200;

/** What this panel uses of the Etherpad pad page's globals (Etherpad 1.8's pad.js and its module loader). */
interface PadWindow extends Window {
  pad?: { myUserInfo?: { name?: string | null }; collabClient?: unknown; notifyChangeName?: (name: string) => void };
  require?: (module: string) => { paduserlist?: { setMyUserInfo?: (info: unknown) => void } };
}

/** Wait before asking again after `failures` failed tries in a row: 2 s, 4 s, 8 s … at most 30 s. */
function backoffMs(failures: number): number {
  return Math.min(RETRY_MIN_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

/**
 * A room's notes: the room's pad in an iframe on padmeet's origin, kept open for as long as the
 * page is.
 * - The Etherpad session (a cookie set by the server) is renewed before it ends, so a reconnect
 *   of the pad's socket is always let in; the pad itself is not reloaded for that, so nothing
 *   typed is lost.
 * - Etherpad down when opening: the area says so and asks again by itself, with backoff.
 * - Etherpad lost while open (the pad shows its connection-problem box), or the pad refused because
 *   its pass ended unrenewed (a laptop asleep past the renewal; the pad shows "You do not have
 *   permission"): the area says so, asks padmeet again until Etherpad answers, then reloads the pad.
 * - The person writes in their colour (`notes.colour`), as on their tile.
 * - `authorName`: the name to write under, given to the pad once its page has connected when the
 *   pad was opened before the person had one (a new guest's pad loads while they type their name).
 *   Etherpad keeps it on their author and shows it to the others at once.
 */
export function NotesPanel({ title, initial, renew, authorName }: { title: string; initial: RoomNotes; renew: () => Promise<RoomNotes>; authorName?: string }) {
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

  // Watch the pad for Etherpad's own connection-problem box (Etherpad down, or a reconnect refused)
  // and for its refusal of an open connection (no valid pass left).
  useEffect(() => {
    if (notes.status !== 'ready') return;
    const watch = setInterval(() => {
      const page = frame.current?.contentDocument;
      const refusal = page?.querySelector<HTMLElement>('#permissionDenied');
      if (refusal && page?.defaultView?.getComputedStyle(refusal).display !== 'none') setLost('refused');
      else setLost(page?.querySelector('#connectivity.popup-show') ? 'unreachable' : false);
    }, WATCH_EVERY_MS);
    return () => clearInterval(watch);
  }, [notes.status, generation]);

  // The name, once the pad's page has connected (its own user info and socket exist). Etherpad
  // takes a name change only with a colour given as hex, hence the `userColor` the pad opens with.
  useEffect(() => {
    if (!authorName || notes.status !== 'ready') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const give = () => {
      const padWindow = frame.current?.contentWindow as PadWindow | null | undefined;
      const pad = padWindow?.pad;
      if (!pad?.myUserInfo || !pad.collabClient || !pad.notifyChangeName) {
        timer = setTimeout(give, NAME_POLL_MS);
        return;
      }
      if (pad.myUserInfo.name === authorName) return;
      pad.notifyChangeName(authorName);
      try {
        // The pad's own "my name" field shows it too.
        padWindow?.require?.('ep_etherpad-lite/static/js/pad_userlist').paduserlist?.setMyUserInfo?.(pad.myUserInfo);
      } catch {
        // An Etherpad without that module: the others see the name all the same.
      }
    };
    give();
    return () => clearTimeout(timer);
  }, [authorName, notes, generation]);

  // Lost: ask padmeet again (a fresh session) until Etherpad answers, then reload the pad.
  useEffect(() => {
    if (!lost) return;
    let cancelled = false;
    let failures = 1;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = async () => {
      const next = await renewRef.current().catch(() => null);
      if (cancelled) return;
      const up = next?.status === 'ready' && (await fetch(next.url, { method: 'HEAD', cache: 'no-store' }).then((r) => r.ok, () => false));
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
          sockets on this origin; this panel reads its connection box): no navigating padmeet's page,
          no forms, no modal dialogs; links in the pad open in a new tab. */}
      <iframe
        key={generation}
        ref={frame}
        title={`Notes: ${title}`}
        src={`${notes.url}?showChat=false&userColor=${encodeURIComponent(notes.colour)}`}
        data-testid="pad-frame"
        sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads"
        referrerPolicy="same-origin"
      />
    </>
  );
}
