import { redirect } from 'next/navigation';
import { currentViewer } from '../../server/caller';
import { ChangePasswordForm } from './change-password-form';
import { EndSessionsForm } from './end-sessions-form';
import { SignOutButton } from './sign-out-button';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Your account · padmeet' };

export default async function AccountPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect('/signin?callbackUrl=/account');
  return (
    <main>
      <h1>Your account</h1>
      <dl>
        <dt className="muted">Username</dt>
        <dd data-testid="account-username">{viewer.username}</dd>
        <dt className="muted">Name shown to others</dt>
        <dd>{viewer.displayName ?? viewer.username}</dd>
        <dt className="muted">Role</dt>
        <dd data-testid="account-role">{viewer.role}</dd>
      </dl>
      <h2>Change password</h2>
      <ChangePasswordForm />
      <p>
        <SignOutButton />
      </p>
      {viewer.role === 'admin' && (
        <>
          <h2>End all sessions of an account</h2>
          <EndSessionsForm />
        </>
      )}
    </main>
  );
}
