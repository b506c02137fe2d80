import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppError } from '@padmeet/util';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Service-to-service calls carry `Authorization: Bearer <AUTH_SERVICE_SECRET>`; compared in constant time. */
export function requireServiceCaller(req: IncomingMessage, secret: string): void {
  const header = req.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!presented || !timingSafeEqual(digest(presented), digest(secret))) {
    throw new AppError('UNAUTHENTICATED', { userMessage: 'This endpoint is for padmeet services only.' });
  }
}
