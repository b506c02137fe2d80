'use client';

import Link from 'next/link';
import { canCreateEvent } from '@padmeet/schedule';
import { useViewer } from '../account/use-viewer';

/** "New event" for organisers and admins (the viewer is read in the browser, like the header's account links). */
export function NewEventLink() {
  const { data: viewer } = useViewer();
  if (!canCreateEvent(viewer)) return null; // the server checks again when an event is created
  return (
    <p>
      <Link href="/events/new" data-testid="new-event-link">
        New event
      </Link>{' '}
      <span className="muted">· create a schedule with its rooms and tracks</span>
    </p>
  );
}
