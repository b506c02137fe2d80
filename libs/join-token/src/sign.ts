import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import type { JoinGrants } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import { computeExpiry, JOIN_TOKEN_ALG, JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from './policy';

export interface SignOptions {
  subject: string;
  /** End of the session being joined (ms since epoch); bounds the expiry. */
  notAfter?: number;
  now?: number;
  ttlSeconds?: number;
}

export interface JoinTokenSigner {
  /**
   * Signs the grants for `subject`, expiring no later than `notAfter` plus a short grace.
   * Throws AppError CONFLICT when that deadline has already passed (the session has ended).
   */
  sign(grants: JoinGrants, options: SignOptions): Promise<{ token: string; expiresAt: number }>;
}

export async function createJoinTokenSigner(privateKeyPem: string): Promise<JoinTokenSigner> {
  const key = await importPKCS8(privateKeyPem, JOIN_TOKEN_ALG);
  return {
    async sign(grants, options) {
      const now = options.now ?? Date.now();
      const exp = computeExpiry(now, options.notAfter, options.ttlSeconds);
      if (exp * 1000 <= now) {
        throw new AppError('CONFLICT', { userMessage: 'This session has already ended.' });
      }
      // Grants picked one by one: whatever else a caller's object holds is not signed.
      const claims: JoinGrants = { room: grants.room, name: grants.name, role: grants.role, canPublish: grants.canPublish, capacity: grants.capacity ?? null };
      // Only load-test tokens carry it (infra/bench/capacity); the SFU honours it only with load testing on.
      if (grants.loadTest === true) claims.loadTest = true;
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: JOIN_TOKEN_ALG, typ: 'JWT' })
        .setIssuer(JOIN_TOKEN_ISSUER)
        .setAudience(JOIN_TOKEN_AUDIENCE)
        .setSubject(options.subject)
        .setJti(randomUUID())
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: exp * 1000 };
    },
  };
}
