import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in · padmeet' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const callbackUrl = one(params['callbackUrl']);
  // Only same-site paths: never redirect to another origin after sign-in.
  const safeCallback = callbackUrl && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  return (
    <main>
      <h1>Sign in</h1>
      <SignInForm callbackUrl={safeCallback} registered={one(params['registered']) ?? null} />
    </main>
  );
}
