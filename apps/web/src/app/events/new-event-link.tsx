'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../trpc/client';

/** "New event" for organisers and admins (the viewer is read in the browser, like the header's account links). */
export function NewEventLink() {
  const trpc = useTRPC();
  const { data: viewer } = useQuery({ ...trpc.account.me.queryOptions(), staleTime: 60_000 });
  if (viewer?.role !== 'organiser' && viewer?.role !== 'admin') return null;
  return (
    <p>
      <Link href="/events/new" data-testid="new-event-link">
        New event
      </Link>{' '}
      <span className="muted">· create a schedule with its rooms and tracks</span>
    </p>
  );
}
