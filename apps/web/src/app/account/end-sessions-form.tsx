'use client';

import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { FieldError, FormError } from '../_forms/field-error';
import { useTRPC } from '../../trpc/client';
import { fieldOf, useHydrated } from './use-hydrated';

/** Admins: sign out every browser of an account (a lost laptop, a password seen by others). */
export function EndSessionsForm() {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const end = useMutation(trpc.account.endAllSessions.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    end.mutate({ username: fieldOf(event.currentTarget, 'sessionsUsername') });
  }

  return (
    <form className="join" onSubmit={onSubmit} aria-label="End all sessions of an account">
      <label htmlFor="sessionsUsername">Username</label>
      <input id="sessionsUsername" name="sessionsUsername" autoComplete="off" autoCapitalize="none" required />
      <FieldError error={end.error} field="username" />
      <FormError error={end.error} fields={['username']} />
      {end.isSuccess && (
        <p role="status" data-testid="sessions-ended">
          Signed out {end.data.ended} {end.data.ended === 1 ? 'session' : 'sessions'} of {end.variables.username}.
        </p>
      )}
      <button type="submit" className="secondary" disabled={end.isPending || !hydrated}>
        End all sessions
      </button>
    </form>
  );
}
