'use client';

import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@padmeet/contract';
import { useTRPC } from '../../trpc/client';

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  // A changed password ends every session of the account, this one included: sign in again.
  const change = useMutation(trpc.account.changePassword.mutationOptions({ onSuccess: () => setTimeout(() => void signOut({ callbackUrl: '/signin' }), 1500) }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    change.mutate({ currentPassword, newPassword });
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" type="password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" required />
      <label htmlFor="newPassword">New password (at least {PASSWORD_MIN_LENGTH} characters)</label>
      <input id="newPassword" type="password" value={newPassword} onChange={(e) => setNew(e.target.value)} autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required />
      {change.error && (
        <p className="error" role="alert">
          {change.error.message}
        </p>
      )}
      {change.isSuccess && <p role="status">Password changed. Sign in again with the new one…</p>}
      <button type="submit" disabled={change.isPending}>
        Change password
      </button>
    </form>
  );
}
