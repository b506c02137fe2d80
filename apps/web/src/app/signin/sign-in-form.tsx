'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { fieldOf, useHydrated } from '../account/use-hydrated';
import { sameOriginCallback } from './callback-url';
import { deviceIdOf } from './device-id';

export function SignInForm({ callbackUrl, registered }: { callbackUrl: string; registered: string | null }) {
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = fieldOf(event.currentTarget, 'username');
    const password = fieldOf(event.currentTarget, 'password');
    setPending(true);
    setError(null);
    const deviceId = deviceIdOf(typeof localStorage === 'undefined' ? null : localStorage);
    const result = await signIn('credentials', { redirect: false, username, password, ...(deviceId ? { deviceId } : {}) });
    if (!result || result.error) {
      setPending(false);
      // The auth service's own words: "Wrong username or password." or "Too many attempts; try again in N s."
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Wrong username or password.');
      return;
    }
    // A full page load, not a client-side push: everything read so far was read
    // as nobody (the header, edit rights, cached queries), and a push racing
    // with a click the person makes meanwhile could land them somewhere else.
    // The button stays disabled until the new page replaces this one. Never another origin.
    window.location.assign(sameOriginCallback(callbackUrl, window.location.origin));
  }

  return (
    <form className="join" onSubmit={onSubmit}>
      {registered && (
        <p role="status" data-testid="registered">
          Your account <strong>{registered}</strong> is ready: sign in with your new password.
        </p>
      )}
      <label htmlFor="username">Username</label>
      <input id="username" name="username" defaultValue={registered ?? ''} autoComplete="username" autoCapitalize="none" required />
      <label htmlFor="password">Password</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending || !hydrated}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="muted">
        Got an invite token from a ticketmaster? <Link href="/register">Create your account</Link>. No account is needed to join a room as a guest.
      </p>
    </form>
  );
}
