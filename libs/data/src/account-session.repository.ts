import type { Account } from '@padmeet/contract';
import type { Db } from './client';

/**
 * Signed-in browsers (table account_session). apps/auth starts and ends them;
 * apps/web reads, on every request, whether the session its cookie names is
 * still live, with the account as it is now.
 */
export interface AccountSessionRepository {
  /** A new session of `userId` until `expiresAt`; its ID goes into the cookie. The account's expired rows go. */
  start(userId: string, expiresAt: Date): Promise<string>;
  /** The account of a live session (not ended, not expired), or null. */
  findAccount(sessionId: string): Promise<(Account & { passwordChangedAt: Date }) | null>;
  /** Ends one session (sign-out); false when it was not live. */
  end(sessionId: string): Promise<boolean>;
  /** Ends every session of an account; how many there were. */
  endAllOf(userId: string): Promise<number>;
}

export function createAccountSessionRepository(db: Db): AccountSessionRepository {
  return {
    async start(userId, expiresAt) {
      const [, session] = await db.$transaction([
        db.accountSession.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } }),
        db.accountSession.create({ data: { userId, expiresAt }, select: { id: true } }),
      ]);
      return session.id;
    },
    async findAccount(sessionId) {
      const row = await db.accountSession.findFirst({
        where: { id: sessionId, expiresAt: { gt: new Date() } },
        select: { user: { select: { id: true, username: true, displayName: true, role: true, passwordChangedAt: true } } },
      });
      return row?.user ?? null;
    },
    async end(sessionId) {
      return (await db.accountSession.deleteMany({ where: { id: sessionId } })).count > 0;
    },
    async endAllOf(userId) {
      return (await db.accountSession.deleteMany({ where: { userId } })).count;
    },
  };
}
