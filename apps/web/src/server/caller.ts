import 'server-only';
import { headers } from 'next/headers';
import { createServerCaller } from '@padmeet/api/server';
import { viewerFromHeaders } from './auth';
import { apiDeps } from './deps';

/** tRPC caller for React Server Components: same procedures, same checks, same viewer as over HTTP. */
export async function serverApi() {
  const requestHeaders = new Headers(await headers());
  return createServerCaller(apiDeps(), { headers: requestHeaders, viewer: await viewerFromHeaders(requestHeaders) });
}

/** The signed-in viewer of the current request, or null. */
export async function currentViewer() {
  return viewerFromHeaders(new Headers(await headers()));
}
