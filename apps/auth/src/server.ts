import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { joinTokenRequestSchema, type JoinTokenResponse } from '@padmeet/contract';
import type { JoinTokenSigner } from '@padmeet/join-token';
import { AppError, readJsonBody, sendError, sendJson, type Logger } from '@padmeet/util';
import { requireServiceCaller } from './service-auth';

export interface AuthServerDeps {
  serviceSecret: string;
  signer: JoinTokenSigner;
  /** Resolves when the database answers; rejects otherwise. */
  checkDatabase: () => Promise<void>;
  logger: Logger;
  now?: () => number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createAuthServer(deps: AuthServerDeps): Server {
  const now = deps.now ?? Date.now;

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
    'POST /v1/join-tokens': async (req, res) => {
      requireServiceCaller(req, deps.serviceSecret);
      const parsed = joinTokenRequestSchema.safeParse(await readJsonBody(req));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('BAD_INPUT', { userMessage: issue?.message ?? 'Invalid join token request.', field: issue?.path.join('.') });
      }
      const { subject, notAfter, ...grants } = parsed.data;
      let issued: JoinTokenResponse;
      try {
        issued = await deps.signer.sign(grants, { subject, notAfter, now: now() });
      } catch (error) {
        if (error instanceof RangeError) throw new AppError('FORBIDDEN', { userMessage: 'This session has already ended.' });
        throw error;
      }
      deps.logger.info({ room: grants.room, role: grants.role, subject }, 'join token issued');
      sendJson(res, 201, issued);
    },
  };

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      sendError(res, new AppError('NOT_FOUND', { userMessage: `No route ${req.method} ${path}` }));
      return;
    }
    handler(req, res).catch((error: unknown) => {
      if (!(error instanceof AppError) || error.code === 'INTERNAL') deps.logger.error({ err: error, path }, 'request failed');
      sendError(res, error);
    });
  });
}
