import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in · padmeet' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  // Checked in the form against the page's own origin (sameOriginCallback) when it is used.
  const callbackUrl = one(params['callbackUrl']) ?? '/';
  return (
    <main>
      <h1>Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} registered={one(params['registered']) ?? null} />
    </main>
  );
}
