import 'server-only';
import { notFound } from 'next/navigation';

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * A notes archive call from a page: its data; the segment's 404 for NOT_FOUND (no event, a draft
 * for someone who may not see it, no such ended session); the server's words for a refusal
 * (FORBIDDEN: a members-only event's notes for a visitor not signed in; TOO_MANY_REQUESTS: searches
 * from one address beyond the limit, with when to try again). Anything else propagates.
 */
export async function loadNotes<T>(call: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await call };
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'NOT_FOUND') notFound();
    if (code === 'FORBIDDEN' || code === 'TOO_MANY_REQUESTS') return { ok: false, message: (error as Error).message };
    throw error;
  }
}
