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
