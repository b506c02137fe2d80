'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@padmeet/contract';
import { FieldError, FormError } from '../_forms/field-error';
import { useTRPC } from '../../trpc/client';
import { fieldOf, useHydrated } from '../account/use-hydrated';

const FIELDS = ['token', 'username', 'displayName', 'password'];

export function RegisterForm({ initialToken }: { initialToken: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const register = useMutation(
    trpc.account.register.mutationOptions({
      onSuccess: (account) => router.push(`/signin?registered=${encodeURIComponent(account.username)}`),
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    register.mutate({ token: fieldOf(form, 'token'), username: fieldOf(form, 'username'), displayName: fieldOf(form, 'displayName'), password: fieldOf(form, 'password') });
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      <label htmlFor="token">Invite token</label>
      <input id="token" name="token" defaultValue={initialToken} autoComplete="off" spellCheck={false} required />
      <FieldError error={register.error} field="token" />
      <label htmlFor="username">Username</label>
      <input id="username" name="username" autoComplete="username" autoCapitalize="none" required />
      <FieldError error={register.error} field="username" />
      <label htmlFor="displayName">Name shown to others</label>
      <input id="displayName" name="displayName" autoComplete="nickname" maxLength={64} required />
      <FieldError error={register.error} field="displayName" />
      <label htmlFor="password">Password (at least {PASSWORD_MIN_LENGTH} characters)</label>
      <input id="password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required />
      <FieldError error={register.error} field="password" />
      <FormError error={register.error} fields={FIELDS} />
      <button type="submit" disabled={register.isPending || !hydrated}>
        {register.isPending ? 'Creating…' : 'Create account'}
      </button>
    </form>
  );
}
