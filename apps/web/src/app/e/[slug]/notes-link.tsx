'use client';

import { useEffect, useState } from 'react';

/** setTimeout's longest wait (about 24.8 days); sessions further ahead get their link on a later visit. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * "Notes" on a session that has ended: its page in the notes archive. Shown from the browser's
 * clock (the schedule page is the same cached HTML for everyone), at once for past sessions and
 * at the end of one still running or to come.
 */
export function PastSessionNotesLink({
  eventSlug,
  session,
  className,
  hint,
}: {
  eventSlug: string;
  session: { id: string; title: string; endsAt: Date };
  className?: string;
  /** Given: the link in a paragraph, with this explanation after it. */
  hint?: string;
}) {
  const [ended, setEnded] = useState(false);
  const endsAt = session.endsAt.getTime();
  useEffect(() => {
    const left = endsAt - Date.now();
    setEnded(left <= 0);
    if (left <= 0 || left > MAX_TIMER_MS) return;
    const timer = setTimeout(() => setEnded(true), left);
    return () => clearTimeout(timer);
  }, [endsAt]);
  if (!ended) return null;
  const link = (
    <a href={`/e/${eventSlug}/notes/${session.id}`} className={className} aria-label={`Notes of ${session.title}`} data-testid="session-notes-link">
      Notes
    </a>
  );
  if (hint === undefined) return link;
  return (
    <p>
      {link} <span className="muted">{hint}</span>
    </p>
  );
}
