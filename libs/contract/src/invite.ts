import { z } from 'zod';
import { accountRoleSchema, accountSchema, clientIpSchema, newPasswordSchema, usernameSchema, type AccountRole } from './account';
import { displayNameSchema } from './room';

/** Invite tokens: "pmi_" + 32 random bytes in base64url. Shown once; only their SHA-256 is stored. */
export const INVITE_TOKEN_PREFIX = 'pmi_';
export const inviteTokenSchema = z
  .string()
  .trim()
  .regex(/^pmi_[A-Za-z0-9_-]{43}$/, 'This is not an invite token (it starts with "pmi_"; copy it whole)');

/**
 * Which roles an issuer may put on an invite: admins any, ticketmasters participant only.
 * Chairs, organisers and ticketmasters are appointed by an admin.
 */
export function grantableRoles(issuer: AccountRole): AccountRole[] {
  if (issuer === 'admin') return ['participant', 'chair', 'organiser', 'ticketmaster', 'admin'];
  if (issuer === 'ticketmaster') return ['participant'];
  return [];
}

export const MAX_INVITE_LIFETIME_HOURS = 24 * 90;

export const createInviteInputSchema = z.object({
  role: accountRoleSchema.default('participant'),
  note: z.string().trim().max(200, 'Notes are at most 200 characters').optional(),
  /** Hours until the token stops working; none = no expiry. */
  expiresInHours: z.number().int().min(1, 'At least one hour').max(MAX_INVITE_LIFETIME_HOURS, 'At most 90 days').optional(),
});
export type CreateInviteInput = z.infer<typeof createInviteInputSchema>;

export const inviteStatusSchema = z.enum(['active', 'used', 'revoked', 'expired']);
export type InviteStatus = z.infer<typeof inviteStatusSchema>;

/** An invite as listed: never its secret. Times are ms since epoch. */
export const inviteSummarySchema = z.object({
  id: z.uuid(),
  role: accountRoleSchema,
  note: z.string().nullable(),
  status: inviteStatusSchema,
  createdAt: z.number().int(),
  createdBy: z.string().nullable(),
  expiresAt: z.number().int().nullable(),
  usedAt: z.number().int().nullable(),
  usedBy: z.string().nullable(),
  revokedAt: z.number().int().nullable(),
});
export type InviteSummary = z.infer<typeof inviteSummarySchema>;

export const createInviteOutputSchema = z.object({
  /** The token in clear: shown to the issuer this once. */
  token: z.string(),
  invite: inviteSummarySchema,
});
export type CreateInviteOutput = z.infer<typeof createInviteOutputSchema>;

export const inviteListOutputSchema = z.array(inviteSummarySchema);
export const revokeInviteInputSchema = z.object({ id: z.uuid() });

export const registerInputSchema = z.object({
  token: inviteTokenSchema,
  username: usernameSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
});
export type RegisterInput = z.infer<typeof registerInputSchema>;
export const registerOutputSchema = accountSchema;

// ---- web → auth (service channel) ----

/** POST /v1/registrations */
export const registrationRequestSchema = registerInputSchema.extend({ clientIp: clientIpSchema });
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

/** POST /v1/invites, /v1/invites/list, /v1/invites/revoke: the acting account's id; auth re-checks its role. */
export const createInviteRequestSchema = createInviteInputSchema.extend({ actorId: z.uuid() });
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;
export const listInvitesRequestSchema = z.object({ actorId: z.uuid() });
export const revokeInviteRequestSchema = revokeInviteInputSchema.extend({ actorId: z.uuid() });
