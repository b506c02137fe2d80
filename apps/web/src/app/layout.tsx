import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { TrpcReactProvider } from '../trpc/client';
import { AccountNav } from './account/account-nav';
import './globals.css';

export const metadata: Metadata = {
  title: 'padmeet',
  description: 'Schedule, video room and shared notes for open-source gatherings.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so Next can put the nonce of that response's
  // Content-Security-Policy on its scripts (a page built ahead of time has none and would not run).
  await connection();
  return (
    <html lang="en">
      <body>
        <TrpcReactProvider>
          <header className="site-header">
            <Link href="/" className="brand">
              padmeet
            </Link>
            <AccountNav />
          </header>
          {children}
        </TrpcReactProvider>
      </body>
    </html>
  );
}
