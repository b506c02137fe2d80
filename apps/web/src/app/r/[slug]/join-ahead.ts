'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import type { RoomNotes } from '@padmeet/contract';
import { MediaSession } from '@padmeet/room-client';
import { useTRPC } from '../../../trpc/client';

type Joined = RouterOutputs['room']['join'];
type ReadyNotes = Extract<RoomNotes, { status: 'ready' }>;

/** How long the notes wait for the call to be prepared before they load anyway (the SFU may be away). */
const NOTES_WAIT_MS = 3_000;

export interface JoinedAhead {
  name: string;
  data: Promise<Joined | undefined>;
  /** Prepared (socket open, device loaded) once the token came; taken by the call at the click. */
  session?: MediaSession;
}

/** The promise's value, or undefined if it has not settled within `ms` (a wait that must end). */
export function within<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Notes that may load beside the pre-join, and the name they were opened under ('' for none yet). */
export interface Preloadable {
  name: string;
  notes: ReadyNotes;
}

/**
 * Joining ahead: while the person looks at the pre-join, the join token for the name in the
 * field is already fetched (no presence in the room until the SFU's "join"), and with it the
 * media session gets ready (signaling socket open, device loaded); it enters the room (and others
 * see this person) only at the click, which then needs no request at all. A refusal here stays
 * silent; the click asks again and shows it.
 *
 * The notes (the room's pad and this person's Etherpad session) are opened ahead too, so that the
 * page loads the pad beside the pre-join and it is ready at the click (`preloadable`):
 * - a name known (an account, a remembered pseudonym): they come in the join's answer, and load once
 *   the call is prepared (or after 3 s), so as not to compete with the call's set-up;
 * - a new guest (`openEarly`, at once): no name yet, so the pad opens under the browser's guest
 *   identity and the room page names them in the pad at the click; it loads once the camera and
 *   microphone are open (or after 3 s). The join ahead waits for this answer, which makes that
 *   identity (the guest cookie): two requests without it would make two people.
 * A click before either (`hold`: the person clicked as soon as the button answered) starts the pad
 * at once, or as soon as its notes come: the call's set-up mostly waits on the network (the camera,
 * the join answer, the SFU's), and the pad's page fills those waits instead of starting after them
 * (bench:pad's instant click: p95 1.1-1.4 s in most runs, was 1.8-2.2 s).
 */
export function useJoinAhead(slug: string) {
  const trpc = useTRPC();
  const { mutateAsync: joinAheadAsync } = useMutation(trpc.room.join.mutationOptions());
  const { mutateAsync: openNotesAsync } = useMutation(trpc.room.openNotes.mutationOptions());
  const ahead = useRef<JoinedAhead>(undefined);
  /** The notes opened before any name (a new guest's), asked once. */
  const early = useRef<Promise<RoomNotes | undefined>>(undefined);
  const [preloadable, setPreloadable] = useState<Preloadable>();
  /** Resolves at the click. */
  const clicked = useRef<{ promise: Promise<void>; resolve: () => void }>(undefined);
  clicked.current ??= (() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  })();
  const hold = useCallback(() => clicked.current?.resolve(), []);
  /** The page's token refresh, read when the prepared session needs it. */
  const refreshRef = useRef<() => Promise<{ token: string; expiresAt: number }>>(undefined);
  /** Debounces typing in the name field. */
  const aheadTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const openEarly = useCallback(
    (devicesOpened: (timeoutMs: number) => Promise<void>) => {
      if (early.current) return;
      const opened = openNotesAsync({ slug }).then(
        ({ notes }) => {
          performance.mark('padmeet:notes-opened');
          return notes;
        },
        () => undefined,
      );
      early.current = opened;
      const openedOrClicked = Promise.race([devicesOpened(NOTES_WAIT_MS).catch(() => undefined), clicked.current!.promise]);
      void Promise.all([opened, openedOrClicked]).then(([notes]) => {
        if (notes?.status === 'ready') setPreloadable((current) => current ?? { name: '', notes });
      });
    },
    [openNotesAsync, slug],
  );
  const joinAhead = useCallback(
    (typed: string) => {
      const displayName = typed.trim();
      if (!displayName || ahead.current?.name === displayName) return;
      ahead.current?.session?.stop();
      // Another name: notes opened under the previous one go (the pad shows the name it was opened
      // with); notes opened before any name stay, and take the name at the click.
      setPreloadable((current) => (current?.name === '' ? current : undefined));
      const entry: JoinedAhead = {
        name: displayName,
        data: (early.current ?? Promise.resolve(undefined))
          .then((opened) => joinAheadAsync({ slug, displayName, withNotes: opened?.status !== 'ready' }))
          .then((data) => {
            if (ahead.current === entry) {
              entry.session = new MediaSession({ sfuUrl: data.media.url, token: data.media.token, refreshToken: () => refreshRef.current!() });
              entry.session.prepare();
              const notes = data.pad;
              if (notes?.status === 'ready') {
                void within(Promise.race([entry.session.prepared, clicked.current!.promise]), NOTES_WAIT_MS).then(() => {
                  if (ahead.current === entry) setPreloadable({ name: displayName, notes });
                });
              }
            }
            return data;
          }, () => undefined),
      };
      ahead.current = entry;
    },
    [joinAheadAsync, slug],
  );
  // Leaving the page before joining closes the prepared connection.
  useEffect(
    () => () => {
      clearTimeout(aheadTimer.current);
      ahead.current?.session?.stop();
    },
    [],
  );
  const earlyNotes = useCallback(() => early.current ?? Promise.resolve(undefined), []);
  return { ahead, joinAhead, openEarly, earlyNotes, hold, aheadTimer, refreshRef, preloadable };
}
