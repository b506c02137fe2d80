import Link from 'next/link';
import { grantableRoles } from '@padmeet/contract';
import { currentViewer } from '../../server/caller';

/** Header links: sign in, or the signed-in account (and invites for ticketmasters). */
export async function AccountNav() {
  const viewer = await currentViewer().catch(() => null);
  return (
    <nav style={{ marginLeft: 'auto', display: 'flex', gap: '1rem' }} aria-label="Account">
      {viewer ? (
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
