import Link from 'next/link';

/**
 * The schedule page's 404: no such event, or (page.tsx) this address asked for too many events
 * that do not exist within the last minute. One page for both: the answer must not be a 200 that
 * the response cache would keep for everyone, and it cannot tell the visitor more than this.
 */
export default function ScheduleNotFound() {
  return (
    <main>
      <h1>No schedule here</h1>
      <p>There is no event at this address.</p>
      <p className="muted">
        If you are sure there is, your network asked for too many missing events within the last minute; try again in a minute.
      </p>
      <p>
        <Link href="/">All schedules and rooms</Link>
      </p>
    </main>
  );
}
