import {
  grantableRoles,
  SESSION_MAX_AGE_SECONDS,
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
import type { AccountSessionRepository, InviteRecord, InviteRepository, UserRepository } from '@padmeet/data';
import { AppError, addressKey, type Logger } from '@padmeet/util';
import { createAttemptGuard, REDEMPTION_LIMITS, SIGN_IN_LIMITS, type AttemptLimits } from './attempt-guard';
import { generateInviteToken, hashInviteToken, inviteStatus } from './invite-token';
import { createSemaphore } from './semaphore';
import { createDummyHash, DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password';

export interface AccountsServiceDeps {
  users: UserRepository;
  invites: InviteRepository;
  /** Signed-in browsers: a successful sign-in starts one, sign-out and "end all sessions" end them. */
  sessions: AccountSessionRepository;
  logger: Logger;
  now?: () => number;
  /** Lower only in tests; stored hashes keep their own parameters. */
  passwordParams?: ScryptParams;
  limits?: { signIn?: AttemptLimits; redemption?: AttemptLimits };
  /** How many sign-in checks / registrations run at once (default 4: Node's thread pool, 4 × 128 MiB of scrypt); the rest queue, each client address in turn. */
  concurrency?: number;
}

export interface AccountsService {
  /** The next-auth Credentials check; success starts a server-side session. Same answer and cost for "no such user" and "wrong password". */
  checkCredentials(request: CredentialsCheckRequest): Promise<CredentialsCheckResponse>;
  /** Sign-out: the session ends on the server (its cookie, even a copied one, stops working). */
  endSession(request: EndSessionRequest): Promise<void>;
  /** Admins: ends every session of an account. */
  endAllSessions(request: EndAllSessionsRequest): Promise<EndAllSessionsOutput>;
  /** Username + password + invite token → account, usable at once. */
  register(request: RegistrationRequest): Promise<Account>;
  changePassword(request: ChangePasswordRequest): Promise<void>;
  createInvite(request: CreateInviteRequest): Promise<CreateInviteOutput>;
  listInvites(request: { actorId: string }): Promise<InviteSummary[]>;
  revokeInvite(request: { actorId: string; id: string }): Promise<InviteSummary>;
  /** For a fresh install: an admin invite, when no admin exists yet (else null). */
  createBootstrapInvite(options?: { expiresInHours?: number }): Promise<{ token: string; expiresAt: number } | null>;
}

const WRONG_CREDENTIALS = 'Wrong username or password.';
const INVALID_TOKEN = 'This invite token cannot be used: it is unknown, already used, revoked or expired. Ask a ticketmaster for a new one.';

/** Contract schemas already do this; the service does not rely on it. */
const normaliseUsername = (username: string) => username.trim().toLowerCase();

export function createAccountsService(deps: AccountsServiceDeps): AccountsService {
  const now = deps.now ?? Date.now;
  const params = deps.passwordParams ?? DEFAULT_SCRYPT_PARAMS;
  const signInGuard = createAttemptGuard(deps.limits?.signIn ?? SIGN_IN_LIMITS, now);
  const redemptionGuard = createAttemptGuard(deps.limits?.redemption ?? REDEMPTION_LIMITS, now);
  const passwordGuard = createAttemptGuard(deps.limits?.signIn ?? SIGN_IN_LIMITS, now);
  let dummyHash: Promise<string> | undefined;
  const expensive = createSemaphore(deps.concurrency ?? 4);

  const toSummary = (invite: InviteRecord): InviteSummary => ({
    id: invite.id,
    role: invite.role,
    note: invite.note,
    status: inviteStatus(invite, now()),
    createdAt: invite.createdAt.getTime(),
    createdBy: invite.createdBy,
    expiresAt: invite.expiresAt?.getTime() ?? null,
    usedAt: invite.usedAt?.getTime() ?? null,
    usedBy: invite.usedBy,
    revokedAt: invite.revokedAt?.getTime() ?? null,
  });

  async function actorOf(actorId: string) {
    const actor = await deps.users.findAccount(actorId);
    if (!actor) throw new AppError('UNAUTHENTICATED', { userMessage: 'Please sign in again.' });
    if (grantableRoles(actor.role).length === 0) throw new AppError('FORBIDDEN', { userMessage: 'Only ticketmasters and admins manage invites.' });
    return actor;
  }

  return {
    async checkCredentials({ username: given, password, clientIp, deviceId }) {
      const username = normaliseUsername(given);
      const ticket = signInGuard.begin(clientIp, username, deviceId);
      return expensive.run(async () => {
        const record = await deps.users.findLoginByUsername(username);
        // Unknown usernames are checked against a dummy hash: same work, same answer.
        dummyHash ??= createDummyHash(params);
        const matches = await verifyPassword(password, record?.passwordHash ?? (await dummyHash));
        if (!record || !matches) {
          deps.logger.info({ clientIp, username }, 'sign-in refused');
          throw new AppError('UNAUTHENTICATED', { userMessage: WRONG_CREDENTIALS });
        }
        ticket.succeeded();
        // Same password, stronger parameters: sessions stay valid.
        if (needsRehash(record.passwordHash, params)) await deps.users.upgradeHash(record.id, await hashPassword(password, params));
        const sessionId = await deps.sessions.start(record.id, new Date(now() + SESSION_MAX_AGE_SECONDS * 1000));
        deps.logger.info({ userId: record.id, sessionId }, 'signed in');
        return { id: record.id, username: record.username, displayName: record.displayName, role: record.role, passwordChangedAt: record.passwordChangedAt.getTime(), sessionId };
      }, addressKey(clientIp));
    },

    async register({ token, username: given, displayName, password, clientIp }) {
      const username = normaliseUsername(given);
      const ticket = redemptionGuard.begin(clientIp, username);
      return expensive.run(async () => {
        const tokenHash = hashInviteToken(token);
        if (!(await deps.invites.isRedeemable(tokenHash))) throw new AppError('BAD_INPUT', { userMessage: INVALID_TOKEN, field: 'token' });
        if (await deps.users.usernameTaken(username)) throw new AppError('CONFLICT', { userMessage: `The username "${username}" is taken.`, field: 'username' });
        const result = await deps.invites.redeem({ tokenHash, username, displayName, passwordHash: await hashPassword(password, params) });
        if (result.status === 'invalid-token') throw new AppError('BAD_INPUT', { userMessage: INVALID_TOKEN, field: 'token' });
        if (result.status === 'username-taken') throw new AppError('CONFLICT', { userMessage: `The username "${username}" is taken.`, field: 'username' });
        ticket.succeeded();
        deps.logger.info({ userId: result.account.id, role: result.account.role }, 'account created with an invite');
        return result.account;
      }, addressKey(clientIp));
    },

    async changePassword({ userId, currentPassword, newPassword, clientIp }) {
      const ticket = passwordGuard.begin(clientIp, `id:${userId}`);
      const record = await deps.users.findLoginById(userId);
      if (!record) throw new AppError('UNAUTHENTICATED', { userMessage: 'Please sign in again.' });
      if (!(await verifyPassword(currentPassword, record.passwordHash))) {
        throw new AppError('BAD_INPUT', { userMessage: 'Your current password is not right.', field: 'currentPassword' });
      }
      ticket.succeeded();
      await deps.users.updatePassword(userId, await hashPassword(newPassword, params));
      deps.logger.info({ userId }, 'password changed');
    },

    async endSession({ sessionId }) {
      if (await deps.sessions.end(sessionId)) deps.logger.info({ sessionId }, 'signed out');
    },

    async endAllSessions({ actorId, username }) {
      const actor = await deps.users.findAccount(actorId);
      if (!actor) throw new AppError('UNAUTHENTICATED', { userMessage: 'Please sign in again.' });
      if (actor.role !== 'admin') throw new AppError('FORBIDDEN', { userMessage: 'Only admins end the sessions of an account.' });
      const account = await deps.users.findLoginByUsername(normaliseUsername(username));
      if (!account) throw new AppError('NOT_FOUND', { userMessage: `There is no account named "${username}".`, field: 'username' });
      const ended = await deps.sessions.endAllOf(account.id);
      deps.logger.info({ userId: account.id, actorId, ended }, 'all sessions ended by an admin');
      return { ended };
    },

    async createInvite({ actorId, role, note, expiresInHours }) {
      const actor = await actorOf(actorId);
      const allowed = grantableRoles(actor.role);
      if (!allowed.includes(role)) {
        throw new AppError('FORBIDDEN', { userMessage: `Your account may grant only: ${allowed.join(', ')}.`, field: 'role' });
      }
      const { token, tokenHash } = generateInviteToken();
      const expiresAt = expiresInHours === undefined ? null : new Date(now() + expiresInHours * 3600_000);
      const invite = await deps.invites.create({ tokenHash, role, note: note || null, createdById: actor.id, expiresAt });
      deps.logger.info({ inviteId: invite.id, role, actorId }, 'invite created');
      return { token, invite: toSummary(invite) };
    },

    async listInvites({ actorId }) {
      const actor = await actorOf(actorId);
      const invites = await deps.invites.list(actor.role === 'admin' ? {} : { createdById: actor.id });
      return invites.map(toSummary);
    },

    async revokeInvite({ actorId, id }) {
      const actor = await actorOf(actorId);
      const invite = await deps.invites.findById(id);
      if (!invite || (actor.role !== 'admin' && invite.createdById !== actor.id)) throw new AppError('NOT_FOUND', { userMessage: 'No such invite of yours.' });
      if (!(await deps.invites.revoke(id))) throw new AppError('CONFLICT', { userMessage: `This invite is already ${inviteStatus(invite, now())}.` });
      deps.logger.info({ inviteId: id, actorId }, 'invite revoked');
      return toSummary((await deps.invites.findById(id))!);
    },

    async createBootstrapInvite(options = {}) {
      if ((await deps.users.countByRole('admin')) > 0) return null;
      const { token, tokenHash } = generateInviteToken();
      const expiresAt = new Date(now() + (options.expiresInHours ?? 24) * 3600_000);
      await deps.invites.create({ tokenHash, role: 'admin', note: 'bootstrap: first admin', createdById: null, expiresAt });
      return { token, expiresAt: expiresAt.getTime() };
    },
  };
}
