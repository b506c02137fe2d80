import { joinTokenResponseSchema, type JoinTokenRequest, type JoinTokenResponse } from '@padmeet/contract';
import { AppError } from '@padmeet/util';

export interface AuthServiceClient {
  issueJoinToken(request: JoinTokenRequest): Promise<JoinTokenResponse>;
}

/** Calls apps/auth with the shared service secret. Down or slow → UNAVAILABLE, never a hang. */
export function createAuthServiceClient(config: { url: string; secret: string; timeoutMs?: number }): AuthServiceClient {
  const timeoutMs = config.timeoutMs ?? 5_000;
  return {
    async issueJoinToken(request) {
      let res: Response;
      try {
        res = await fetch(`${config.url}/v1/join-tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.secret}`, 'content-type': 'application/json' },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new AppError('UNAVAILABLE', { userMessage: 'The sign-in service is not reachable right now; try again in a moment.', cause: error });
      }
      const body: unknown = await res.json().catch(() => null);
      if (res.status === 201) {
        const parsed = joinTokenResponseSchema.safeParse(body);
        if (parsed.success) return parsed.data;
        throw new AppError('UNAVAILABLE', { userMessage: 'The sign-in service gave an unexpected answer.' });
      }
      const message = (body as { error?: { message?: string } } | null)?.error?.message;
      if (res.status === 403) throw new AppError('FORBIDDEN', { userMessage: message ?? 'You may not join this room now.' });
      throw new AppError('UNAVAILABLE', {
        userMessage: 'The sign-in service refused to issue a join token; try again in a moment.',
        cause: new Error(`auth answered ${res.status}: ${message ?? 'no message'}`),
      });
    },
  };
}
