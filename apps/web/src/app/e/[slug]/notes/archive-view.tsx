import type { RouterOutputs } from '@padmeet/api';
import { notesSearchQuerySchema } from '@padmeet/contract';
import { serverApi } from '../../../../server/caller';
import { loadNotes } from './load';
import styles from './notes.module.css';
import { when } from './when';

type Archive = RouterOutputs['notes']['archive'];
type ArchivedSession = Archive['sessions'][number];
type Search = RouterOutputs['notes']['search'];

/** The words of a refusal, with the way in (signing in, then back here). */
export function NotesRefusal({ message, back }: { message: string; back: string }) {
  return (
    <main className={styles.page}>
      <h1>Notes</h1>
      <p className="error" data-testid="notes-refused">
        {message}
      </p>
      <p>
        <a href={`/signin?callbackUrl=${encodeURIComponent(back)}`}>Sign in</a>
      </p>
    </main>
  );
}

export function Authors({ authors }: { authors: { name: string; color: string | null }[] }) {
  if (authors.length === 0) return null;
  return (
    <ul className={styles.authors} aria-label="Written by" data-testid="notes-authors">
      {authors.map((author, i) => (
        <li key={`${author.name}-${i}`}>
          <span className={styles.swatch} style={{ background: author.color && /^#[0-9a-fA-F]{3,6}$/.test(author.color) ? author.color : 'transparent' }} aria-hidden />
          {author.name}
        </li>
      ))}
    </ul>
  );
}

/** One past session in a list: where and when, its chairs, and what was written in the pad during it. */
/** A card shows this much of the notes; the session's page has all of them. */
const CARD_CHARS = 1_500;

function SessionCard({ eventSlug, session, zone }: { eventSlug: string; session: ArchivedSession; zone: string }) {
  const change = session.notes.status === 'taken' ? session.notes.changeText.trim() : '';
  return (
    <article className={styles.session} style={{ borderLeftColor: session.track.color }} data-testid="archived-session" data-session-id={session.id}>
      <h2>
        <a href={`/e/${eventSlug}/notes/${session.id}`}>{session.title}</a>
      </h2>
      <p className={`${styles.facts} muted`}>
        <span>{when(session.startsAt, session.endsAt, zone)}</span>
        <a href={`/e/${eventSlug}/notes/room/${session.room.slug}`}>{session.room.name}</a>
        <a href={`/e/${eventSlug}/notes/track/${session.track.slug}`}>{session.track.name}</a>
        {session.chairs.length > 0 && <span>Chairs: {session.chairs.join(', ')}</span>}
      </p>
      {session.notes.status === 'taken' ? (
        <>
          <Authors authors={session.notes.authors} />
          <pre className={styles.notes}>{change.length > CARD_CHARS ? `${change.slice(0, CARD_CHARS)}…` : change || '(nothing was written in the pad during this session)'}</pre>
          {change.length > CARD_CHARS && <a href={`/e/${eventSlug}/notes/${session.id}`}>All of the notes of {session.title}</a>}
        </>
      ) : (
        <p className={`${styles.pending} muted`} data-testid="snapshot-pending">
          Snapshot pending: the notes of this session are being recorded.
        </p>
      )}
    </article>
  );
}

function SearchResults({ eventSlug, result, zone }: { eventSlug: string; result: Search; zone: string }) {
  return (
    <section aria-labelledby="search-results" data-testid="search-results">
      <h2 id="search-results">
        {result.hits.length === 0 ? 'Nothing found' : `${result.hits.length} session${result.hits.length === 1 ? '' : 's'}`} for “{result.query}”
      </h2>
      {result.hits.map((hit) => (
        <article key={hit.session.id} className={styles.session} style={{ borderLeftColor: hit.session.track.color }} data-testid="search-hit">
          <h3>
            <a href={`/e/${eventSlug}/notes/${hit.session.id}`}>{hit.session.title}</a>
          </h3>
          <p className={`${styles.facts} muted`}>
            <span>{when(hit.session.startsAt, hit.session.endsAt, zone)}</span>
            <span>{hit.session.room.name}</span>
            <span>{hit.session.track.name}</span>
          </p>
          <p className={styles.notes} data-testid="search-snippet">
            {hit.snippet.map((segment, i) =>
              segment.hit ? (
                <mark key={i} className={styles.hit}>
                  {segment.text}
                </mark>
              ) : (
                <span key={i}>{segment.text}</span>
              ),
            )}
          </p>
        </article>
      ))}
    </section>
  );
}

/**
 * An event's notes archive (or one room's or one track's part of it): a search across the
 * event's notes, then every past session with its notes, newest first. Rendered per request with
 * the visitor's session: the server decides who reads (notes.archive), never the page.
 */
export async function ArchivePage({ eventSlug, scope, query, back }: { eventSlug: string; scope: { room?: string; track?: string }; query: string | undefined; back: string }) {
  const api = await serverApi();
  const loaded = await loadNotes(api.notes.archive({ eventSlug, ...scope }));
  if (!loaded.ok) return <NotesRefusal message={loaded.message} back={back} />;
  const archive = loaded.data;
  const zone = archive.event.timeZone;
  const parsedQuery = query === undefined ? null : notesSearchQuerySchema.safeParse(query);
  const search = parsedQuery?.success ? await loadNotes(api.notes.search({ eventSlug, query: parsedQuery.data })) : null;
  const heading = archive.scope.kind === 'event' ? `Notes of ${archive.event.name}` : `Notes of ${archive.scope.name} · ${archive.event.name}`;
  return (
    <main className={styles.page}>
      <header>
        <h1>{heading}</h1>
        <p className="muted">
          Past sessions, newest first; times in {zone}. {!archive.event.published && 'This event is a draft: only its organisers see this.'}
        </p>
        <nav className={styles.nav} aria-label="Notes archive">
          <a href={`/e/${eventSlug}`}>Schedule</a>
          {archive.scope.kind !== 'event' && <a href={`/e/${eventSlug}/notes`}>All notes of the event</a>}
          <a href={`/api/notes/${eventSlug}.zip`} download data-testid="download-zip">
            Download all notes (zip of Markdown and HTML)
          </a>
        </nav>
        <nav className={styles.nav} aria-label="Rooms and tracks">
          <span className="muted">Rooms:</span>
          {archive.rooms.map((room) => (
            <a key={room.slug} href={`/e/${eventSlug}/notes/room/${room.slug}`} aria-current={archive.scope.kind === 'room' && archive.scope.slug === room.slug ? 'page' : undefined}>
              {room.name}
            </a>
          ))}
          <span className="muted">Tracks:</span>
          {archive.tracks.map((track) => (
            <a key={track.slug} href={`/e/${eventSlug}/notes/track/${track.slug}`} aria-current={archive.scope.kind === 'track' && archive.scope.slug === track.slug ? 'page' : undefined}>
              {track.name}
            </a>
          ))}
        </nav>
      </header>

      <form className={styles.search} method="get" action={`/e/${eventSlug}/notes`} role="search">
        <input type="search" name="q" defaultValue={query ?? ''} aria-label="Search the notes of this event" placeholder="Search the notes of this event" />
        <button type="submit">Search</button>
      </form>
      {parsedQuery && !parsedQuery.success && <p className="error">{parsedQuery.error.issues[0]?.message}</p>}
      {search && (search.ok ? <SearchResults eventSlug={eventSlug} result={search.data} zone={zone} /> : <p className="error">{search.message}</p>)}

      <section aria-label="Past sessions">
        {archive.sessions.length === 0 && <p className="muted">No session here has ended yet.</p>}
        {archive.sessions.map((session) => (
          <SessionCard key={session.id} eventSlug={eventSlug} session={session} zone={zone} />
        ))}
      </section>
    </main>
  );
}
