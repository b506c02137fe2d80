import type { z } from 'zod';
import { AppError, type AppErrorCode } from '@padmeet/util';

const passThrough: Partial<Record<number, AppErrorCode>> = {
  400: 'BAD_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string; retryAfterSeconds?: number };
}

export interface AuthServiceConfig {
  url: string;
  secret: string;
  timeoutMs?: number;
}

export type AuthServiceCall = <S extends z.ZodType>(path: string, body: unknown, schema: S) => Promise<z.infer<S>>;

/**
 * The one way apps/web calls apps/auth: POST with the shared service secret. Its
 * domain answers (wrong password, rate limited with retry-after, bad token, …)
 * come back as the same AppErrors; down, slow or 5xx → UNAVAILABLE, never a hang.
 */
export function createAuthServiceCall(config: AuthServiceConfig): AuthServiceCall {
  const timeoutMs = config.timeoutMs ?? 10_000;

  return async function call<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    let res: Response;
    try {
      res = await fetch(`${config.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AppError('UNAVAILABLE', { userMessage: 'The sign-in service is not reachable right now; try again in a moment.', cause: error });
    }
    let unreadable: unknown = null;
    const payload: unknown = await res.json().catch((error: unknown) => ((unreadable = error), null));
    if (res.ok) {
      const parsed = schema.safeParse(payload);
      if (parsed.success) return parsed.data;
      throw new AppError('UNAVAILABLE', { userMessage: 'The sign-in service gave an unexpected answer.', cause: unreadable ?? parsed.error });
    }
    const error = (payload as ErrorBody | null)?.error;
    const code = passThrough[res.status];
    // A refused service secret is a configuration problem, not the user's: it becomes UNAVAILABLE below.
    const secretRefused = res.status === 401 && (error?.message ?? '').includes('padmeet services only');
    if (code && !secretRefused) {
      throw new AppError(code, { userMessage: error?.message, field: error?.field, retryAfterSeconds: error?.retryAfterSeconds });
    }
    throw new AppError('UNAVAILABLE', {
      userMessage: 'The sign-in service could not answer; try again in a moment.',
      cause: new Error(`auth answered ${res.status}: ${error?.message ?? 'no message'}`),
    });
  };
}
