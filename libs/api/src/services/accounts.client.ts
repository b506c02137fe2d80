import { z } from 'zod';
import {
  accountSchema,
  createInviteOutputSchema,
  credentialsCheckResponseSchema,
  inviteListOutputSchema,
  inviteSummarySchema,
  type Account,
  type ChangePasswordRequest,
  type CreateInviteOutput,
  type CreateInviteRequest,
  type CredentialsCheckRequest,
  type CredentialsCheckResponse,
  type InviteSummary,
  type RegistrationRequest,
} from '@padmeet/contract';
import { AppError, type AppErrorCode } from '@padmeet/util';

/** Account operations of apps/auth, over the authenticated service channel. */
export interface AccountsClient {
  checkCredentials(request: CredentialsCheckRequest): Promise<CredentialsCheckResponse>;
  register(request: RegistrationRequest): Promise<Account>;
  changePassword(request: ChangePasswordRequest): Promise<void>;
  createInvite(request: CreateInviteRequest): Promise<CreateInviteOutput>;
  listInvites(request: { actorId: string }): Promise<InviteSummary[]>;
  revokeInvite(request: { actorId: string; id: string }): Promise<InviteSummary>;
}

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

/**
 * Calls apps/auth with the shared service secret. Its domain answers (wrong
 * password, rate limited with retry-after, bad token, …) come back as the same
 * AppErrors; down, slow or 5xx → UNAVAILABLE, never a hang.
 */
export function createAccountsClient(config: { url: string; secret: string; timeoutMs?: number }): AccountsClient {
  const timeoutMs = config.timeoutMs ?? 10_000;

  async function call<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
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
    const payload: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const parsed = schema.safeParse(payload);
      if (parsed.success) return parsed.data;
      throw new AppError('UNAVAILABLE', { userMessage: 'The sign-in service gave an unexpected answer.' });
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
  }

  const ok = z.object({ ok: z.literal(true) });

  return {
    checkCredentials: (request) => call('/v1/credentials', request, credentialsCheckResponseSchema),
    register: (request) => call('/v1/registrations', request, accountSchema),
    async changePassword(request) {
      await call('/v1/password', request, ok);
    },
    createInvite: (request) => call('/v1/invites', request, createInviteOutputSchema),
    listInvites: (request) => call('/v1/invites/list', request, inviteListOutputSchema),
    revokeInvite: (request) => call('/v1/invites/revoke', request, inviteSummarySchema),
  };
}
