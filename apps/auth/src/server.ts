import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { AccountsService } from '@padmeet/accounts';
import {
  changePasswordRequestSchema,
  createInviteRequestSchema,
  credentialsCheckRequestSchema,
  endAllSessionsRequestSchema,
  endSessionRequestSchema,
  joinTokenRequestSchema,
  listInvitesRequestSchema,
  registrationRequestSchema,
  revokeInviteRequestSchema,
  type JoinTokenResponse,
} from '@padmeet/contract';
import type { JoinTokenSigner } from '@padmeet/join-token';
import { AppError, isAppError, readJsonBody, sendError, sendJson, type Logger } from '@padmeet/util';
import { requireServiceCaller } from './service-auth';

export interface AuthServerDeps {
  serviceSecret: string;
  signer: JoinTokenSigner;
  accounts: AccountsService;
  /** Resolves when the database answers; rejects otherwise. */
  checkDatabase: () => Promise<void>;
  logger: Logger;
  now?: () => number;
  /** Told each answered request's route (`METHOD /path` of a known route, else `unknown`) and outcome (`ok` or the error code): metrics. */
  onOutcome?: (route: string, outcome: string) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Reads and validates a service call's JSON body; the first problem names its field. */
async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await readJsonBody(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_INPUT', { userMessage: issue?.message ?? 'Invalid request.', field: issue?.path.join('.') });
  }
  return parsed.data;
}

/**
 * Every route but /healthz is for padmeet's web app only: it presents the
 * shared service secret, and forwards the client address for rate limits.
 */
export function createAuthServer(deps: AuthServerDeps): Server {
  const now = deps.now ?? Date.now;
  const service =
    (status: number, handle: (req: IncomingMessage) => Promise<unknown>): Handler =>
    async (req, res) => {
      requireServiceCaller(req, deps.serviceSecret);
      sendJson(res, status, await handle(req));
    };

  const routes: Record<string, Handler> = {
    'GET /healthz': async (_req, res) => {
      try {
        await deps.checkDatabase();
        sendJson(res, 200, { status: 'ok', database: 'ok' });
      } catch (error) {
        deps.logger.warn({ err: error }, 'health check: database not reachable');
        sendJson(res, 503, { status: 'degraded', database: 'unreachable' });
      }
    },
    'POST /v1/join-tokens': service(201, async (req) => {
      const { subject, notAfter, ...grants } = await readBody(req, joinTokenRequestSchema);
      // A session that has ended is the signer's CONFLICT, answered 409 like every AppError below.
      const issued: JoinTokenResponse = await deps.signer.sign(grants, { subject, notAfter, now: now() });
      deps.logger.info({ room: grants.room, role: grants.role, subject }, 'join token issued');
      return issued;
    }),
    'POST /v1/credentials': service(200, async (req) => deps.accounts.checkCredentials(await readBody(req, credentialsCheckRequestSchema))),
    'POST /v1/sessions/end': service(200, async (req) => {
      await deps.accounts.endSession(await readBody(req, endSessionRequestSchema));
      return { ok: true };
    }),
    'POST /v1/sessions/end-all': service(200, async (req) => deps.accounts.endAllSessions(await readBody(req, endAllSessionsRequestSchema))),
    'POST /v1/registrations': service(201, async (req) => deps.accounts.register(await readBody(req, registrationRequestSchema))),
    'POST /v1/password': service(200, async (req) => {
      await deps.accounts.changePassword(await readBody(req, changePasswordRequestSchema));
      return { ok: true };
    }),
    'POST /v1/invites': service(201, async (req) => deps.accounts.createInvite(await readBody(req, createInviteRequestSchema))),
    'POST /v1/invites/list': service(200, async (req) => deps.accounts.listInvites(await readBody(req, listInvitesRequestSchema))),
    'POST /v1/invites/revoke': service(200, async (req) => deps.accounts.revokeInvite(await readBody(req, revokeInviteRequestSchema))),
  };

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = `${req.method} ${path}`;
    const handler = routes[route];
    if (!handler) {
      deps.onOutcome?.('unknown', 'NOT_FOUND');
      sendError(res, new AppError('NOT_FOUND', { userMessage: `No route ${req.method} ${path}` }));
      return;
    }
    handler(req, res).then(() => deps.onOutcome?.(route, 'ok'), (error: unknown) => {
      deps.onOutcome?.(route, isAppError(error) ? error.code : 'INTERNAL');
      if (!isAppError(error) || error.code === 'INTERNAL') deps.logger.error({ err: error, path }, 'request failed');
      else deps.logger.debug({ path, code: error.code, reason: error.userMessage }, 'request refused');
      sendError(res, error);
    });
  });
}
