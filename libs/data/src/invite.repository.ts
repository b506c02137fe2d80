import { randomUUID } from 'node:crypto';
import type { Account, AccountRole } from '@padmeet/contract';
import type { Db } from './client';
import { isUniqueViolation } from './db-values';

/** An invite as stored, without its hash. */
export interface InviteRecord {
  id: string;
  role: AccountRole;
  note: string | null;
  createdAt: Date;
  createdById: string | null;
  createdBy: string | null;
  expiresAt: Date | null;
  usedAt: Date | null;
  usedBy: string | null;
  revokedAt: Date | null;
}

export type RedeemResult = { status: 'created'; account: Account } | { status: 'invalid-token' } | { status: 'username-taken' };

export interface InviteRepository {
  create(input: { tokenHash: string; role: AccountRole; note: string | null; createdById: string | null; expiresAt: Date | null }): Promise<InviteRecord>;
  /** Newest first; only one issuer's when `createdById` is given. */
  list(filter: { createdById?: string; limit?: number }): Promise<InviteRecord[]>;
  findById(id: string): Promise<InviteRecord | null>;
  /** Revokes an unused, unrevoked invite; false when there was none. */
  revoke(id: string): Promise<boolean>;
  /** Cheap pre-check (no lock): could this token be redeemed right now? */
  isRedeemable(tokenHash: string): Promise<boolean>;
  /**
   * Redeems the token and creates the account in ONE statement: the token row is
   * claimed with `UPDATE … WHERE used_at IS NULL AND revoked_at IS NULL AND not expired`,
   * so of any number of concurrent redemptions exactly one succeeds; if the
   * username is taken the statement fails and the token stays unused.
   */
  redeem(input: { tokenHash: string; username: string; displayName: string; passwordHash: string }): Promise<RedeemResult>;
}

const inviteSelect = {
  id: true,
  role: true,
  note: true,
  createdAt: true,
  createdById: true,
  expiresAt: true,
  usedAt: true,
  revokedAt: true,
  createdBy: { select: { username: true } },
  usedBy: { select: { username: true } },
} as const;

type InviteRow = Omit<InviteRecord, 'createdBy' | 'usedBy'> & { createdBy: { username: string } | null; usedBy: { username: string } | null };

const toRecord = (row: InviteRow): InviteRecord => ({ ...row, createdBy: row.createdBy?.username ?? null, usedBy: row.usedBy?.username ?? null });

export function createInviteRepository(db: Db): InviteRepository {
  return {
    async create(input) {
      return toRecord(await db.inviteToken.create({ data: input, select: inviteSelect }));
    },
    async list({ createdById, limit = 200 }) {
      const rows = await db.inviteToken.findMany({
        where: createdById ? { createdById } : {},
        select: inviteSelect,
        orderBy: { createdAt: 'desc' },
        take: limit,
      });
      return rows.map(toRecord);
    },
    async findById(id) {
      const row = await db.inviteToken.findUnique({ where: { id }, select: inviteSelect });
      return row ? toRecord(row) : null;
    },
    async revoke(id) {
      const { count } = await db.inviteToken.updateMany({ where: { id, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
      return count === 1;
    },
    async isRedeemable(tokenHash) {
      const count = await db.inviteToken.count({
        where: { tokenHash, usedAt: null, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      });
      return count === 1;
    },
    async redeem({ tokenHash, username, displayName, passwordHash }) {
      const userId = randomUUID();
      try {
        const rows = await db.$queryRaw<{ id: string; username: string; display_name: string; role: AccountRole }[]>`
          WITH claimed AS (
            UPDATE invite_token SET used_at = now(), used_by = ${userId}::uuid
             WHERE token_hash = ${tokenHash} AND used_at IS NULL AND revoked_at IS NULL
               AND (expires_at IS NULL OR expires_at > now())
            RETURNING role
          )
          INSERT INTO app_user (id, username, display_name, role, password_hash, password_changed_at, updated_at)
          SELECT ${userId}::uuid, ${username}, ${displayName}, claimed.role, ${passwordHash}, now(), now() FROM claimed
          RETURNING id::text AS id, username, display_name, role::text AS role`;
        const row = rows[0];
        if (!row) return { status: 'invalid-token' };
        return { status: 'created', account: { id: row.id, username: row.username, displayName: row.display_name, role: row.role } };
      } catch (error) {
        if (isUniqueViolation(error)) return { status: 'username-taken' };
        throw error;
      }
    },
  };
}
