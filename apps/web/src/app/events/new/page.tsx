import Link from 'next/link';
import { canCreateEvent } from '@padmeet/schedule';
import { currentViewer } from '../../../server/caller';
import { NewEventForm } from './new-event-form';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New event · padmeet' };

/** Organisers (and admins) create an event here; it starts as a draft only they see, at /e/<slug>. */
export default async function NewEventPage() {
  const viewer = await currentViewer();
  return (
    <main>
      <h1>New event</h1>
      {!viewer ? (
        <p className="error" role="alert">
          Please <Link href="/signin?callbackUrl=/events/new">sign in</Link> with an organiser account to create an event.
        </p>
      ) : !canCreateEvent(viewer) ? (
        <p className="error" role="alert">
          Only organisers and admins create events; your account is a {viewer.role} account. Ask an admin or a ticketmaster for an organiser invite, or ask an
          event&apos;s organisers to make you a chair of its track.
        </p>
      ) : (
        <>
          <p className="muted">The event starts as a draft that only its organisers see. Add rooms and tracks on its page, then publish it.</p>
          <NewEventForm />
        </>
      )}
    </main>
  );
}
