import 'server-only';
import { headers } from 'next/headers';
import { createServerCaller } from '@padmeet/api/server';
import { viewerFromHeaders } from './auth';
import { clientAddressHeaders } from './client-address';
import { apiDeps } from './deps';

/** tRPC caller for React Server Components: same procedures, same checks, same viewer as over HTTP. */
export async function serverApi() {
  const requestHeaders = new Headers(await headers());
  return createServerCaller(apiDeps(), { headers: requestHeaders, viewer: await viewerFromHeaders(requestHeaders) });
}

/**
 * tRPC caller for pages every visitor gets the same (the schedule, kept by the response cache):
 * no viewer and no cookies, only the client's address, so per-address limits (unknown events)
 * count this request's client as they do over HTTP.
 */
export async function publicServerApi() {
  return createServerCaller(apiDeps(), { headers: clientAddressHeaders(new Headers(await headers())), viewer: null });
}

/** The signed-in viewer of the current request, or null. */
export async function currentViewer() {
  return viewerFromHeaders(new Headers(await headers()));
}
