import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { eventSlugSchema } from '@padmeet/contract';
import { serverApi } from '../../../../../server/caller';
import { Authors, NotesRefusal } from '../archive-view';
import { loadNotes } from '../load';
import styles from '../notes.module.css';
import { clock, when } from '../when';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Session notes · padmeet' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * /e/<event>/notes/<session>: one past session's notes as the snapshot at its end recorded them
 * (what was written during it, by whom; the whole pad), its chat, its downloads, and who attended
 * (for the track's chairs, the event's organisers and admins: the server leaves it out for others).
 */
export default async function SessionNotesPage({ params }: { params: Promise<{ slug: string; session: string }> }) {
  const { slug, session: sessionId } = await params;
  if (!eventSlugSchema.safeParse(slug).success || !UUID.test(sessionId)) notFound();
  const loaded = await loadNotes((await serverApi()).notes.session({ eventSlug: slug, sessionId }));
  if (!loaded.ok) return <NotesRefusal message={loaded.message} back={`/e/${slug}/notes/${sessionId}`} />;
  const { event, session, text, chat, attendance } = loaded.data;
  const zone = event.timeZone;
  return (
    <main className={styles.page}>
      <header>
        <p className="muted">
          <a href={`/e/${slug}/notes`}>Notes of {event.name}</a> · <a href={`/e/${slug}?session=${session.id}`}>In the schedule</a>
        </p>
        <h1 data-testid="session-notes-title">{session.title}</h1>
        <p className={`${styles.facts} muted`}>
          <span>
            {when(session.startsAt, session.endsAt, zone)} ({zone})
          </span>
          <a href={`/e/${slug}/notes/room/${session.room.slug}`}>{session.room.name}</a>
          <a href={`/e/${slug}/notes/track/${session.track.slug}`}>{session.track.name}</a>
          <span>Chairs: {session.chairs.length > 0 ? session.chairs.join(', ') : '(none named)'}</span>
        </p>
        <nav className={styles.nav} aria-label="Downloads">
          <a href={`/api/notes/${slug}/${session.id}.md`} download>
            Download as Markdown
          </a>
          <a href={`/api/notes/${slug}/${session.id}.html`} download>
            Download as HTML
          </a>
        </nav>
      </header>

      <section aria-labelledby="notes-during">
        <h2 id="notes-during">Notes written during the session</h2>
        {session.notes.status === 'taken' ? (
          <>
            <Authors authors={session.notes.authors} />
            <pre className={styles.notes} data-testid="session-notes-change">
              {session.notes.changeText.trim() || '(nothing was written in the pad during this session)'}
            </pre>
          </>
        ) : (
          <p className={`${styles.pending} muted`} data-testid="snapshot-pending">
            Snapshot pending: the notes of this session are being recorded; until then they are in the room&apos;s pad,{' '}
            <a href={`/r/${session.room.slug}/notes`}>{session.room.name} notes</a>.
          </p>
        )}
      </section>

      {chat.length > 0 && (
        <section aria-labelledby="chat">
          <h2 id="chat">Chat</h2>
          <ul data-testid="session-chat">
            {chat.map((line, i) => (
              <li key={i}>
                <span className="muted">{clock(line.sentAt, zone)}</span> <strong>{line.name}:</strong> {line.body}
              </li>
            ))}
          </ul>
        </section>
      )}

      {attendance && (
        <section aria-labelledby="attendance" data-testid="attendance">
          <h2 id="attendance">Who attended</h2>
          <p className="muted">Shown to the track&apos;s chairs and the event&apos;s organisers only.</p>
          {attendance.length === 0 ? (
            <p className="muted">Nobody joined the call.</p>
          ) : (
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Joined</th>
                  <th>Left</th>
                </tr>
              </thead>
              <tbody>
                {attendance.map((person, i) => (
                  <tr key={i}>
                    <td>{person.name}</td>
                    <td>{clock(person.joinedAt, zone)}</td>
                    <td>{person.leftAt ? clock(person.leftAt, zone) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {text !== null && (
        <details>
          <summary>The whole pad at the end of the session</summary>
          <pre className={styles.notes} data-testid="session-notes-text">
            {text}
          </pre>
        </details>
      )}
    </main>
  );
}
