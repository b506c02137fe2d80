'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { NowNextWire } from '@padmeet/contract';
import { formatCountdown, sessionPhase, type ClockSession } from '@padmeet/schedule';
import { useTRPC } from '../../../trpc/client';
import { browserTimeZone } from '../../_forms/time-zones';
import { useNowNext, whenIn } from '../../e/[slug]/now-next';
import { clockIn } from '../../e/[slug]/time';

type WireSession = NonNullable<NowNextWire['rooms'][number]['current']>;
type RoomClockSession = ClockSession & { trackId: string };

const toClock = (session: WireSession | null): RoomClockSession | null =>
  session && { id: session.id, title: session.title, trackId: session.trackId, startsAt: new Date(session.startsAt), endsAt: new Date(session.endsAt) };

/**
 * The session's clock in the room: what is on, a countdown to its end (a warning for everyone in
 * the last 5 minutes), the end ("… is over", what is next here, with a link to its details), and
 * between sessions the hallway with the next start. The deadlines are the schedule's, pushed by
 * the event's now/next stream; the countdown runs here, on the stream's clock (the test clock when
 * the page was opened with `?at=` on a test stack). `canExtend(trackId)`: the viewer may extend a
 * session of that track ("Extend 15 min"; the server decides again).
 */
export function SessionClock({
  eventSlug,
  roomSlug,
  clockParam,
  canExtend,
}: {
  eventSlug: string;
  roomSlug: string;
  clockParam: string | null | undefined;
  canExtend: (trackId: string) => boolean;
}) {
  const { data, clockOffset } = useNowNext(eventSlug, { clockParam, enabled: true, retryRefused: true });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const room = data?.rooms.find((candidate) => candidate.slug === roomSlug);
  const current = toClock(room?.current ?? null);
  const next = toClock(room?.next ?? null);
  // The session this page last saw running: its end is announced even after the push removed it.
  const [previous, setPrevious] = useState<RoomClockSession | null>(null);
  const at = now + clockOffset;
  const phase = room ? sessionPhase({ current, next, previous }, at) : null;
  const running = phase && (phase.kind === 'running' || phase.kind === 'warning') ? phase.session : null;
  useEffect(() => {
    if (running) setPrevious(running);
  }, [running?.id, running?.endsAt.getTime()]);

  const trpc = useTRPC();
  const extend = useMutation(trpc.session.extend.mutationOptions());
  if (!data || !room || !phase) return null;
  const zone = browserTimeZone();
  const details = (session: ClockSession) => `/e/${eventSlug}?session=${encodeURIComponent(session.id)}`;
  const nextLine = (session: ClockSession | null, none: string) =>
    session ? (
      <>
        Next here: <a href={details(session)}>{session.title}</a> at {whenIn(session.startsAt, new Date(at), zone)}.
      </>
    ) : (
      none
    );

  if (phase.kind === 'running' || phase.kind === 'warning') {
    const { session } = phase;
    return (
      <div className={`session-clock ${phase.kind}`} data-testid="session-clock" data-phase={phase.kind} data-session={session.id}>
        <span>
          Now: <a href={details(session)}>{session.title}</a> · ends in{' '}
          <strong data-testid="countdown" data-ends-at={session.endsAt.toISOString()}>
            {formatCountdown(phase.remainingMs)}
          </strong>{' '}
          <span className="muted">(at {clockIn(session.endsAt, zone)})</span>
        </span>
        {canExtend((session as RoomClockSession).trackId) && (
          <button
            type="button"
            className="secondary"
            data-testid="extend-session"
            disabled={extend.isPending}
            onClick={() => extend.mutate({ sessionId: session.id, from: session.endsAt, steps: 1 })}
          >
            {extend.isPending ? 'Extending…' : 'Extend 15 min'}
          </button>
        )}
        {extend.error && (
          <span className="error" role="alert" data-testid="extend-refused">
            {extend.error.message}
          </span>
        )}
        {phase.kind === 'warning' && (
          <span role="alert" className="session-warning" data-testid="session-warning">
            5 minutes left or less: time to wrap up.
          </span>
        )}
      </div>
    );
  }
  if (phase.kind === 'ended') {
    return (
      <div className="session-clock ended" data-testid="session-clock" data-phase="ended" role="status">
        <strong data-testid="session-over">{phase.session.title} is over.</strong> {nextLine(phase.next, 'Nothing more is scheduled in this room.')}
      </div>
    );
  }
  return (
    <div className="session-clock hallway" data-testid="session-clock" data-phase="hallway">
      Hallway: no session here now; the room stays open. {nextLine(phase.next, 'Nothing more is scheduled in this room.')}
    </div>
  );
}
