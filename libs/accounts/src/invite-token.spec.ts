import { describe, expect, it } from 'vitest';
import { grantableRoles, inviteTokenSchema } from '@padmeet/contract';
import { generateInviteToken, hashInviteToken, inviteStatus } from './invite-token';

describe('invite tokens', () => {
  it('are 256 random bits with a prefix, and only their SHA-256 is kept', () => {
    const { token, tokenHash } = generateInviteToken();
    expect(inviteTokenSchema.parse(token)).toBe(token);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashInviteToken(token));
    expect(tokenHash).not.toContain(token.slice(4, 12));
    const many = new Set(Array.from({ length: 1000 }, () => generateInviteToken().token));
    expect(many.size).toBe(1000);
  });

  it('hash the token as pasted, ignoring surrounding whitespace', () => {
    const { token, tokenHash } = generateInviteToken();
    expect(hashInviteToken(`  ${token}\n`)).toBe(tokenHash);
    expect(hashInviteToken(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).not.toBe(tokenHash);
  });

  it('reject strings that are not tokens', () => {
    expect(inviteTokenSchema.safeParse('pmi_short').success).toBe(false);
    expect(inviteTokenSchema.safeParse(`xyz_${'a'.repeat(43)}`).success).toBe(false);
  });

  it('have a status: used and revoked win over expiry', () => {
    const now = Date.UTC(2026, 0, 1);
    const past = new Date(now - 1);
    const future = new Date(now + 3600_000);
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: future }, now)).toBe('active');
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: past }, now)).toBe('expired');
    expect(inviteStatus({ usedAt: null, revokedAt: past, expiresAt: past }, now)).toBe('revoked');
    expect(inviteStatus({ usedAt: past, revokedAt: null, expiresAt: past }, now)).toBe('used');
  });

  it('grant roles by issuer: admins any, ticketmasters participants only, others none', () => {
    expect(grantableRoles('admin')).toEqual(expect.arrayContaining(['participant', 'chair', 'organiser', 'ticketmaster', 'admin']));
    expect(grantableRoles('ticketmaster')).toEqual(['participant']);
    for (const role of ['organiser', 'chair', 'participant'] as const) expect(grantableRoles(role)).toEqual([]);
  });
});
