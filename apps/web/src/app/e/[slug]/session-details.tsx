'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef } from 'react';
import { toZoned } from '@padmeet/schedule';
import { PastSessionNotesLink } from './notes-link';
import { clockIn, dayLabel } from './time';
import styles from './schedule.module.css';

// The Markdown renderer is only fetched when someone opens a session's details.
const Agenda = dynamic(() => import('./agenda'), { ssr: false, loading: () => <p className="muted">Loading the agenda…</p> });

export interface SessionDetailsProps {
  session: { id: string; title: string; agenda: string; startsAt: Date; endsAt: Date };
  room: { slug: string; name: string };
  /** For the link to the session's notes once it has ended. */
  eventSlug: string;
  track: { name: string; color: string } | undefined;
  zone: string;
  onClose: () => void;
}

/** One session: when, where to join, and its agenda; a modal dialog (Esc or Close shut it). */
export function SessionDetails({ session, eventSlug, room, track, zone, onClose }: SessionDetailsProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const day = toZoned(session.startsAt, zone).date;
  return (
    <dialog ref={dialog} className={styles.details} onClose={onClose} aria-labelledby="session-details-title" data-testid="session-details" style={{ borderTopColor: track?.color }}>
      <h2 id="session-details-title">{session.title}</h2>
      <p>
        {dayLabel(day)}, {clockIn(session.startsAt, zone)}–{clockIn(session.endsAt, zone)} <span className="muted">({zone})</span>
        {track && <> · {track.name}</>}
      </p>
      <p>
        <a href={`/r/${room.slug}`}>Join {room.name}</a> <span className="muted">(video and the room&apos;s shared notes)</span>
      </p>
      <PastSessionNotesLink eventSlug={eventSlug} session={session} hint="(this session is over: what was written, search and downloads)" />
      <h3>Agenda</h3>
      {session.agenda.trim() ? <Agenda text={session.agenda} /> : <p className="muted">No agenda yet.</p>}
      <form method="dialog">
        <button type="submit" className="secondary">
          Close
        </button>
      </form>
    </dialog>
  );
}
