'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import { MediaSession } from '@padmeet/room-client';
import { useTRPC } from '../../../trpc/client';

type Joined = RouterOutputs['room']['join'];

/** How long the notes wait for the call to be prepared before they load anyway (the SFU may be away). */
const NOTES_WAIT_MS = 3_000;

export interface JoinedAhead {
  name: string;
  data: Promise<Joined | undefined>;
  /** Prepared (socket open, device loaded) once the token came; taken by the call at the click. */
  session?: MediaSession;
}

/**
 * Joining ahead: while the person looks at the pre-join, the join token for the name in the
 * field is already fetched (no presence in the room until the SFU's "join"), and with it the
 * media session gets ready (signaling socket open, device loaded); it enters the room (and others
 * see this person) only at the click, which then needs no request at all. The notes (the room's
 * pad and this person's Etherpad session) come in the same answer: `preloadable` names them once the
 * call is prepared (or after 3 s), so that the page loads the pad beside the pre-join without
 * competing with the call's set-up, and the notes are ready at the click. A refusal here stays
 * silent; the click asks again and shows it.
 */
export function useJoinAhead(slug: string) {
  const trpc = useTRPC();
  const { mutateAsync: joinAheadAsync } = useMutation(trpc.room.join.mutationOptions());
  const ahead = useRef<JoinedAhead>(undefined);
  /** The latest join ahead whose notes may load now (its call prepared, or the wait over). */
  const [preloadable, setPreloadable] = useState<{ name: string; data: Joined }>();
  /** The page's token refresh, read when the prepared session needs it. */
  const refreshRef = useRef<() => Promise<{ token: string; expiresAt: number }>>(undefined);
  /** Debounces typing in the name field. */
  const aheadTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const joinAhead = useCallback(
    (typed: string) => {
      const displayName = typed.trim();
      if (!displayName || ahead.current?.name === displayName) return;
      ahead.current?.session?.stop();
      // Another name: the notes loaded for the previous one go (the pad shows the name it was opened with).
      setPreloadable(undefined);
      const entry: JoinedAhead = {
        name: displayName,
        data: joinAheadAsync({ slug, displayName, withNotes: true }).then((data) => {
          if (ahead.current === entry) {
            entry.session = new MediaSession({ sfuUrl: data.media.url, token: data.media.token, refreshToken: () => refreshRef.current!() });
            entry.session.prepare();
            let wait: ReturnType<typeof setTimeout> | undefined;
            void Promise.race([entry.session.prepared, new Promise<void>((resolve) => (wait = setTimeout(resolve, NOTES_WAIT_MS)))]).then(() => {
              clearTimeout(wait);
              if (ahead.current === entry) setPreloadable({ name: displayName, data });
            });
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
  return { ahead, joinAhead, aheadTimer, refreshRef, preloadable };
}
