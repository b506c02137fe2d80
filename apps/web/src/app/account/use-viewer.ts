'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/client';

/**
 * The signed-in account as the browser reads it (`account.me`; null for guests).
 * Pages are the same HTML for everyone, so who is looking is asked here. One
 * query shared by every caller; signing in or out reloads the page.
 */
export function useViewer() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.account.me.queryOptions(), staleTime: 60_000 });
}
