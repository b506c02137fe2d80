'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@padmeet/contract';
import { useTRPC } from '../../trpc/client';
import { fieldOf, useHydrated } from '../account/use-hydrated';

export function RegisterForm({ initialToken }: { initialToken: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const register = useMutation(
    trpc.account.register.mutationOptions({
      onSuccess: (account) => router.push(`/signin?registered=${encodeURIComponent(account.username)}`),
    }),
  );
  const field = register.error?.data?.field;
  const fieldError = (name: string) =>
    field === name ? (
      <p className="error" role="alert">
        {register.error?.message}
      </p>
    ) : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    register.mutate({ token: fieldOf(form, 'token'), username: fieldOf(form, 'username'), displayName: fieldOf(form, 'displayName'), password: fieldOf(form, 'password') });
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      <label htmlFor="token">Invite token</label>
      <input id="token" name="token" defaultValue={initialToken} autoComplete="off" spellCheck={false} required />
      {fieldError('token')}
      <label htmlFor="username">Username</label>
      <input id="username" name="username" autoComplete="username" autoCapitalize="none" required />
      {fieldError('username')}
      <label htmlFor="displayName">Name shown to others</label>
      <input id="displayName" name="displayName" autoComplete="nickname" maxLength={64} required />
      {fieldError('displayName')}
      <label htmlFor="password">Password (at least {PASSWORD_MIN_LENGTH} characters)</label>
      <input id="password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required />
      {fieldError('password')}
      {register.error && !['token', 'username', 'displayName', 'password'].includes(field ?? '') && (
        <p className="error" role="alert">
          {register.error.message}
        </p>
      )}
      <button type="submit" disabled={register.isPending || !hydrated}>
        {register.isPending ? 'Creating…' : 'Create account'}
      </button>
    </form>
  );
}
