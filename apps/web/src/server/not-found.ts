/**
 * A server-side API call whose NOT_FOUND means "there is no such thing": null, so the page
 * answers with its 404 (`notFound()`); every other refusal or failure propagates. The one
 * place pages read the code of a tRPC error (they may not import @trpc/server).
 */
export async function foundOrNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * True for a server-side API call refused for too many requests from this client (RATE_LIMITED,
 * tRPC's TOO_MANY_REQUESTS). Pages every visitor shares answer it with their 404 (`notFound()`):
 * Next gives pages no 429, and a 200 saying "too many requests" would be kept by the response
 * cache and shown to everyone; the segment's not-found page names this cause beside a missing event.
 */
export function isTooManyRequests(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'TOO_MANY_REQUESTS';
}
