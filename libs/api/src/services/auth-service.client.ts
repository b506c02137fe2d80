import { joinTokenResponseSchema, type JoinTokenRequest, type JoinTokenResponse } from '@padmeet/contract';
import { createAuthServiceCall, type AuthServiceConfig } from './auth-service.call';

export interface AuthServiceClient {
  issueJoinToken(request: JoinTokenRequest): Promise<JoinTokenResponse>;
}

/** Join tokens from apps/auth (see auth-service.call.ts for errors and timeouts). */
export function createAuthServiceClient(config: AuthServiceConfig): AuthServiceClient {
  const call = createAuthServiceCall({ timeoutMs: 5_000, ...config });
  return { issueJoinToken: (request) => call('/v1/join-tokens', request, joinTokenResponseSchema) };
}
