'use client';

import Link from 'next/link';
import { grantableRoles } from '@padmeet/contract';
import { useViewer } from './use-viewer';

/**
 * Header links: sign in, or the signed-in account (and invites for ticketmasters).
 * Read in the browser, not while rendering on the server: the schedule page is
 * one cached HTML for every visitor, and a server-rendered name there would show
 * whoever filled the cache (or, rendered statically, always "Sign in").
 */
export function AccountNav() {
  const { data: viewer, isPending } = useViewer();
  return (
    <nav style={{ marginLeft: 'auto', display: 'flex', gap: '1rem', minHeight: '1.5em' }} aria-label="Account" aria-busy={isPending}>
      {isPending ? null : viewer ? (
        <>
          {grantableRoles(viewer.role).length > 0 && <Link href="/invites">Invites</Link>}
          <Link href="/account" data-testid="signed-in-as">
            {viewer.displayName ?? viewer.username}
          </Link>
        </>
      ) : (
        <Link href="/signin">Sign in</Link>
      )}
    </nav>
  );
}
