import 'server-only';
import { headers } from 'next/headers';
import { createServerCaller } from '@padmeet/api/server';
import { apiDeps } from './deps';

/** tRPC caller for React Server Components: same procedures, same checks as over HTTP. */
export async function serverApi() {
  return createServerCaller(apiDeps(), { headers: new Headers(await headers()) });
}
