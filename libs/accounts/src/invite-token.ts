import { createHash, randomBytes } from 'node:crypto';
import { INVITE_TOKEN_PREFIX, type InviteStatus } from '@padmeet/contract';

/**
 * Invite tokens carry 256 random bits, so a fast hash (SHA-256) is enough to
 * store them: nothing short of the token itself finds a preimage.
 */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token.trim(), 'utf8').digest('hex');
}

/** A fresh token (shown once to its issuer) and the hash to store. */
export function generateInviteToken(): { token: string; tokenHash: string } {
  const token = `${INVITE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashInviteToken(token) };
}

export function inviteStatus(invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null }, now: number): InviteStatus {
  if (invite.usedAt) return 'used';
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt && invite.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

