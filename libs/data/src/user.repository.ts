import type { Account, AccountRole } from '@padmeet/contract';
import type { Db } from './client';

/** What a credentials check needs; the hash never leaves apps/auth. */
export interface LoginRecord extends Account {
  passwordHash: string;
  passwordChangedAt: Date;
}

export interface UserRepository {
  findLoginByUsername(username: string): Promise<LoginRecord | null>;
  findLoginById(id: string): Promise<LoginRecord | null>;
  /** The account behind a session, with when its password last changed (older sessions are void). */
  findAccount(id: string): Promise<(Account & { passwordChangedAt: Date }) | null>;
  usernameTaken(username: string): Promise<boolean>;
  /** Sets a new hash and `passwordChangedAt = now()`, which ends the account's other sessions. */
  updatePassword(id: string, passwordHash: string): Promise<void>;
  /** Direct creation, for the admin bootstrap script only (everyone else registers with an invite). */
  /** Stores a stronger hash of the same password (no effect on sessions). */
  upgradeHash(id: string, passwordHash: string): Promise<void>;
  create(input: { username: string; displayName: string; role: AccountRole; passwordHash: string }): Promise<Account>;
  countByRole(role: AccountRole): Promise<number>;
}

const accountSelect = { id: true, username: true, displayName: true, role: true } as const;
const loginSelect = { ...accountSelect, passwordHash: true, passwordChangedAt: true } as const;

export function createUserRepository(db: Db): UserRepository {
  return {
    findLoginByUsername: (username) => db.user.findUnique({ where: { username }, select: loginSelect }),
    findLoginById: (id) => db.user.findUnique({ where: { id }, select: loginSelect }),
    findAccount: (id) => db.user.findUnique({ where: { id }, select: { ...accountSelect, passwordChangedAt: true } }),
    async usernameTaken(username) {
      return (await db.user.count({ where: { username } })) > 0;
    },
    async updatePassword(id, passwordHash) {
      await db.user.update({ where: { id }, data: { passwordHash, passwordChangedAt: new Date() }, select: { id: true } });
    },
    async upgradeHash(id, passwordHash) {
      await db.user.update({ where: { id }, data: { passwordHash }, select: { id: true } });
    },
    create: (input) => db.user.create({ data: input, select: accountSelect }),
    countByRole: (role) => db.user.count({ where: { role } }),
  };
}
