'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@padmeet/contract';
import { useTRPC } from '../../trpc/client';

export function RegisterForm({ initialToken }: { initialToken: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState({ token: initialToken, username: '', displayName: '', password: '' });
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

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    register.mutate(form);
  }
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));

  return (
    <form className="join" onSubmit={onSubmit}>
      <label htmlFor="token">Invite token</label>
      <input id="token" name="token" value={form.token} onChange={set('token')} autoComplete="off" spellCheck={false} required />
      {fieldError('token')}
      <label htmlFor="username">Username</label>
      <input id="username" name="username" value={form.username} onChange={set('username')} autoComplete="username" autoCapitalize="none" required />
      {fieldError('username')}
      <label htmlFor="displayName">Name shown to others</label>
      <input id="displayName" name="displayName" value={form.displayName} onChange={set('displayName')} autoComplete="nickname" maxLength={64} required />
      {fieldError('displayName')}
      <label htmlFor="password">Password (at least {PASSWORD_MIN_LENGTH} characters)</label>
      <input id="password" name="password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} required />
      {fieldError('password')}
      {register.error && !['token', 'username', 'displayName', 'password'].includes(field ?? '') && (
        <p className="error" role="alert">
          {register.error.message}
        </p>
      )}
      <button type="submit" disabled={register.isPending}>
        {register.isPending ? 'Creating…' : 'Create account'}
      </button>
    </form>
  );
}
