import { z } from 'zod';
import {
  accountSchema,
  createInviteOutputSchema,
  credentialsCheckResponseSchema,
  endAllSessionsOutputSchema,
  inviteListOutputSchema,
  inviteSummarySchema,
  type Account,
  type ChangePasswordRequest,
  type CreateInviteOutput,
  type CreateInviteRequest,
  type CredentialsCheckRequest,
  type CredentialsCheckResponse,
  type EndAllSessionsOutput,
  type EndAllSessionsRequest,
  type EndSessionRequest,
  type InviteSummary,
  type RegistrationRequest,
} from '@padmeet/contract';
import { createAuthServiceCall, type AuthServiceConfig } from './auth-service.call';

/** Account operations of apps/auth, over the authenticated service channel. */
export interface AccountsClient {
  checkCredentials(request: CredentialsCheckRequest): Promise<CredentialsCheckResponse>;
  register(request: RegistrationRequest): Promise<Account>;
  changePassword(request: ChangePasswordRequest): Promise<void>;
  endSession(request: EndSessionRequest): Promise<void>;
  endAllSessions(request: EndAllSessionsRequest): Promise<EndAllSessionsOutput>;
  createInvite(request: CreateInviteRequest): Promise<CreateInviteOutput>;
  listInvites(request: { actorId: string }): Promise<InviteSummary[]>;
  revokeInvite(request: { actorId: string; id: string }): Promise<InviteSummary>;
}

/** Account operations over the authenticated service channel to apps/auth. */
export function createAccountsClient(config: AuthServiceConfig): AccountsClient {
  const call = createAuthServiceCall(config);
  const ok = z.object({ ok: z.literal(true) });

  return {
    checkCredentials: (request) => call('/v1/credentials', request, credentialsCheckResponseSchema),
    register: (request) => call('/v1/registrations', request, accountSchema),
    async changePassword(request) {
      await call('/v1/password', request, ok);
    },
    async endSession(request) {
      await call('/v1/sessions/end', request, ok);
    },
    endAllSessions: (request) => call('/v1/sessions/end-all', request, endAllSessionsOutputSchema),
    createInvite: (request) => call('/v1/invites', request, createInviteOutputSchema),
    listInvites: (request) => call('/v1/invites/list', request, inviteListOutputSchema),
    revokeInvite: (request) => call('/v1/invites/revoke', request, inviteSummarySchema),
  };
}
