import { RegisterForm } from './register-form';

export const metadata = { title: 'Create your account · padmeet' };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = (await searchParams)['token'];
  return (
    <main>
      <h1>Create your account</h1>
      <p className="muted">You need a one-time invite token from a ticketmaster. Your account works at once.</p>
      <RegisterForm initialToken={(Array.isArray(token) ? token[0] : token) ?? ''} />
    </main>
  );
}
