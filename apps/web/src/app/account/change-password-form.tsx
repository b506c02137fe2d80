'use client';

import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import type { FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@padmeet/contract';
import { FieldError, FormError } from '../_forms/field-error';
import { useTRPC } from '../../trpc/client';
import { fieldOf, useHydrated } from './use-hydrated';

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  // A changed password ends every session of the account, this one included: sign in again.
  const change = useMutation(trpc.account.changePassword.mutationOptions({ onSuccess: () => setTimeout(() => void signOut({ callbackUrl: '/signin' }), 1500) }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.mutate({ currentPassword: fieldOf(event.currentTarget, 'currentPassword'), newPassword: fieldOf(event.currentTarget, 'newPassword') });
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      <label htmlFor="currentPassword">Current password</label>
      <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required />
      <FieldError error={change.error} field="currentPassword" />
      <label htmlFor="newPassword">New password (at least {PASSWORD_MIN_LENGTH} characters)</label>
      <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required />
      <FieldError error={change.error} field="newPassword" />
      <FormError error={change.error} fields={['currentPassword', 'newPassword']} />
      {change.isSuccess && <p role="status">Password changed. Sign in again with the new one…</p>}
      <button type="submit" disabled={change.isPending || !hydrated}>
        Change password
      </button>
    </form>
  );
}
