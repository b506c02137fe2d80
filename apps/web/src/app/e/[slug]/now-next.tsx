'use client';

import { useEffect, useRef, useState } from 'react';
import { nowNextWireSchema, type NowNextWire } from '@padmeet/contract';
import { toZoned } from '@padmeet/schedule';
import { browserTimeZone } from '../../_forms/time-zones';
import { clockIn, dayLabel } from './time';
import styles from './schedule.module.css';

/** "14:00" today, "Tue 1 Dec 14:00" on another day. */
export function whenIn(instant: Date, now: Date, zone: string): string {
  const day = toZoned(instant, zone).date;
  return day === toZoned(now, zone).date ? clockIn(instant, zone) : `${dayLabel(day)} ${clockIn(instant, zone)}`;
}

/**
 * The event's now/next stream (SSE): the latest document and whether the
 * stream is open. Waits while `clockParam` is undefined (the page has not read
 * its query yet) or `enabled` is false (a draft has no public stream). A 404
 * (no such published event) closes the stream for good, as EventSource does,
 * unless `retryRefused`: then a refused stream (EventSource cannot tell a 404
 * from a 429 of too many open streams) is asked for again, backing off up to 30 s.
 */
export function useNowNext(
  eventSlug: string,
  {
    clockParam,
    enabled,
    onScheduleChange,
    retryRefused = false,
  }: { clockParam: string | null | undefined; enabled: boolean; onScheduleChange?: () => void; retryRefused?: boolean },
): { data: NowNextWire | null; live: boolean; clockOffset: number } {
  const [data, setData] = useState<NowNextWire | null>(null);
  const [live, setLive] = useState(false);
  /** The stream's clock minus this browser's, as of the last document. */
  const [clockOffset, setClockOffset] = useState(0);
  const scheduleChanged = useRef(onScheduleChange);
  useEffect(() => {
    scheduleChanged.current = onScheduleChange;
  }, [onScheduleChange]);

  useEffect(() => {
    if (clockParam === undefined || !enabled) return;
    const url = `/api/events/${eventSlug}/now-next${clockParam ? `?at=${encodeURIComponent(clockParam)}` : ''}`;
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let refusals = 0;
    const open = () => {
      const current = new EventSource(url);
      source = current;
      current.onopen = () => {
        refusals = 0;
        setLive(true);
      };
      current.onerror = () => {
        setLive(false);
        if (!retryRefused || current.readyState !== EventSource.CLOSED) return;
        refusals += 1;
        retry = setTimeout(open, Math.min(30_000, 1_000 * 2 ** Math.min(refusals - 1, 5)));
      };
      current.onmessage = (message) => {
        const parsed = nowNextWireSchema.safeParse(JSON.parse(message.data as string));
        if (parsed.success) {
          // The stream's clock (the test clock under PADMEET_TEST_CLOCK=1): a room's countdown runs on it.
          setClockOffset(Date.parse(parsed.data.at) - Date.now());
          setData(parsed.data);
        }
      };
      current.addEventListener('schedule', () => scheduleChanged.current?.());
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [eventSlug, clockParam, enabled, retryRefused]);
  return { data, live, clockOffset };
}

/**
 * Now / next per room, pushed by the server (SSE) the moment a session starts
 * or ends or the schedule changes; EventSource reconnects by itself. The
 * stream also says when the schedule itself changed (`onScheduleChange`). It
 * is public, so a draft (seen only by its organisers) has none yet.
 */
export function NowNext({
  eventSlug,
  published,
  zone,
  trackNames,
  clockParam,
  onScheduleChange,
}: {
  eventSlug: string;
  published: boolean;
  zone: string;
  trackNames: Map<string, string>;
  clockParam: string | null | undefined;
  /** Someone booked, moved or cancelled a session of this event (or edited its rooms and tracks). */
  onScheduleChange?: () => void;
}) {
  const { data, live } = useNowNext(eventSlug, { clockParam, enabled: published, onScheduleChange });

  if (!published) {
    return (
      <section className={styles.nowNext} aria-label="Now and next" data-testid="now-next" data-live="no">
        <h2>Now / next</h2>
        <p className="muted">Shown here, live, once the event is published.</p>
      </section>
    );
  }

  return (
    <section className={styles.nowNext} aria-label="Now and next" data-testid="now-next" data-live={live ? 'yes' : 'no'}>
      <h2>
        Now / next <span className="muted">{live ? '· live' : '· connecting…'}</span>
      </h2>
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <ul>
          {data.rooms.map((room) => (
            <li key={room.roomId} data-testid="now-next-room" data-room={room.slug}>
              <a href={`/r/${room.slug}`}>
                <strong>{room.name}</strong>
              </a>
              <div data-testid="now">
                {room.current ? (
                  <>
                    Now: {room.current.title} <span className="muted">({trackNames.get(room.current.trackId) ?? ''}, until {clockIn(new Date(room.current.endsAt), zone)})</span>
                  </>
                ) : (
                  <span className="muted">Now: free</span>
                )}
              </div>
              <div data-testid="next" className="muted">
                {room.next ? `Next: ${room.next.title} at ${whenIn(new Date(room.next.startsAt), new Date(data.at), zone)}` : 'Nothing later'}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One room's line on its own page: what is on now and next there, live, in the
 * browser's time zone, with a link to the session's details on the schedule.
 * Nothing shows until the stream answers (or at all, for an unpublished event).
 */
export function RoomNowNext({ eventSlug, roomSlug }: { eventSlug: string; roomSlug: string }) {
  const { data } = useNowNext(eventSlug, { clockParam: null, enabled: true });
  const room = data?.rooms.find((candidate) => candidate.slug === roomSlug);
  if (!data || !room) return null;
  const zone = browserTimeZone();
  const details = (id: string) => `/e/${eventSlug}?session=${encodeURIComponent(id)}`;
  return (
    <p className="muted" data-testid="room-now-next">
      {room.current ? (
        <>
          Now: <a href={details(room.current.id)}>{room.current.title}</a>, until {clockIn(new Date(room.current.endsAt), zone)}
        </>
      ) : (
        'No session here now'
      )}
      {' · '}
      {room.next ? (
        <>
          Next: <a href={details(room.next.id)}>{room.next.title}</a> at {whenIn(new Date(room.next.startsAt), new Date(data.at), zone)}
        </>
      ) : (
        'nothing later'
      )}
    </p>
  );
}
