import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TrpcReactProvider } from '../trpc/client';
import { AccountNav } from './account/account-nav';
import './globals.css';

export const metadata: Metadata = {
  title: 'padmeet',
  description: 'Schedule, video room and shared notes for open-source gatherings.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
