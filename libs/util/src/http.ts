import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, isAppError } from './app-error';

/** Reads a JSON body of at most `maxBytes`; malformed or oversized bodies are BAD_INPUT. */
export async function readJsonBody(req: IncomingMessage, maxBytes = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new AppError('BAD_INPUT', { userMessage: `Request body is larger than ${maxBytes} bytes.` });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) throw new AppError('BAD_INPUT', { userMessage: 'Request body is empty; JSON expected.' });
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('BAD_INPUT', { userMessage: 'Request body is not valid JSON.' });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(payload);
}

/** The one mapping from an error to an HTTP answer; unknown errors become a generic 500. */
export function sendError(res: ServerResponse, error: unknown): void {
  const appError = isAppError(error) ? error : new AppError('INTERNAL', { cause: error });
  const headers: Record<string, string> = {};
  if (appError.retryAfterSeconds !== undefined) headers['retry-after'] = String(appError.retryAfterSeconds);
  sendJson(
    res,
    appError.httpStatus,
    { error: { code: appError.code, message: appError.userMessage, field: appError.field, retryAfterSeconds: appError.retryAfterSeconds } },
    headers,
  );
}
