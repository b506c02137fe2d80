import { redirect } from 'next/navigation';
import { grantableRoles } from '@padmeet/contract';
import { currentViewer } from '../../server/caller';
import { InviteManager } from './invite-manager';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Invites · padmeet' };

export default async function InvitesPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect('/signin?callbackUrl=/invites');
  const roles = grantableRoles(viewer.role);
  return (
    <main>
      <h1>Invite tokens</h1>
      {roles.length === 0 ? (
        <p className="error" role="alert">
          Only ticketmasters and admins hand out invite tokens. Ask one if someone needs an account.
        </p>
      ) : (
        <InviteManager roles={roles} />
      )}
    </main>
  );
}
