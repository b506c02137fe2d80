import 'server-only';
import { createServerCaller } from '@padmeet/api/server';
import { viewerFromHeaders } from '../../../server/auth';
import { apiDeps } from '../../../server/deps';

/** The notes export procedure for this request's viewer: the same access checks as the archive pages (notes.export). */
export async function exportCaller(request: Request) {
  return createServerCaller(apiDeps(), { headers: request.headers, viewer: await viewerFromHeaders(request.headers) });
}

const STATUS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, TOO_MANY_REQUESTS: 429 };

/** A refusal as plain text with its status (the server's words); anything else is rethrown (Next answers 500 and logs it). */
export function refusal(error: unknown): Response {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const status = typeof code === 'string' ? STATUS[code] : undefined;
  if (!status) throw error;
  const message = status === 400 ? 'That is not a notes export.' : (error as Error).message;
  const retryAfter = (error as { cause?: { retryAfterSeconds?: number } }).cause?.retryAfterSeconds;
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
  if (status === 429 && retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return new Response(`${message}\n`, { status, headers });
}

/** A download: never kept by shared caches (the answer depends on who asks). */
export function download(body: BodyInit, contentType: string, disposition: string): Response {
  return new Response(body, { headers: { 'content-type': contentType, 'content-disposition': disposition, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' } });
}

export const notFoundResponse = (what: string) => new Response(`${what}\n`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
