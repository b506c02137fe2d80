import { z } from 'zod';
import { roleSchema } from './join-token';

/** Roles an account can hold (guests have no account). */
export const accountRoleSchema = roleSchema.exclude(['guest']);
export type AccountRole = z.infer<typeof accountRoleSchema>;

/** Login names: lower-case ASCII letters, digits, `.`, `_`, `-`; 2-32 characters (also checked in the database). */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'Usernames are at least 2 characters')
  .max(32, 'Usernames are at most 32 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use letters, digits, ".", "_" or "-", starting with a letter or digit');

export const PASSWORD_MIN_LENGTH = 10;
/** New passwords: long enough to resist guessing, bounded so hashing stays cheap to refuse. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Passwords are at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'Passwords are at most 256 characters');
/** A password being checked: any non-empty string up to the same bound. */
export const passwordSchema = z.string().min(1, 'Please enter your password').max(256, 'Passwords are at most 256 characters');

/** What the browser may see of an account. */
export const accountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: accountRoleSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const credentialsSchema = z.object({ username: usernameSchema, password: passwordSchema });
export type Credentials = z.infer<typeof credentialsSchema>;

export const changePasswordInputSchema = z.object({ currentPassword: passwordSchema, newPassword: newPasswordSchema });
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

/** Client address as the web app saw it, for per-address rate limits in apps/auth. */
export const clientIpSchema = z.string().min(1).max(100).nullable();

// ---- web → auth (service channel, authenticated with the shared secret) ----

/**
 * A browser's own random ID (128 bits, base64url; kept in its localStorage, sent with each sign-in):
 * a browser that signed in to an account before is not held by that account's per-username limit.
 */
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'Not a device ID');

/** POST /v1/credentials: the next-auth Credentials provider's check. */
export const credentialsCheckRequestSchema = credentialsSchema.extend({ clientIp: clientIpSchema, deviceId: deviceIdSchema.nullish() });
export type CredentialsCheckRequest = z.infer<typeof credentialsCheckRequestSchema>;

/** How long a session lasts after sign-in (the cookie and its server-side record alike). */
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 3600;

/**
 * The session payload: who signed in, when their password last changed (older sessions end),
 * and the server-side session the cookie will name (signing out ends it).
 */
export const credentialsCheckResponseSchema = accountSchema.extend({ passwordChangedAt: z.number().int(), sessionId: z.uuid() });
export type CredentialsCheckResponse = z.infer<typeof credentialsCheckResponseSchema>;

/** POST /v1/password */
export const changePasswordRequestSchema = changePasswordInputSchema.extend({ userId: z.uuid(), clientIp: clientIpSchema });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** POST /v1/sessions/end: sign-out ends the session on the server. */
export const endSessionRequestSchema = z.object({ sessionId: z.uuid() });
export type EndSessionRequest = z.infer<typeof endSessionRequestSchema>;

/** account.endAllSessions (admins): every signed-in browser of that account is signed out. */
export const endAllSessionsInputSchema = z.object({ username: usernameSchema });
export type EndAllSessionsInput = z.infer<typeof endAllSessionsInputSchema>;
export const endAllSessionsOutputSchema = z.object({ ended: z.number().int().min(0) });
export type EndAllSessionsOutput = z.infer<typeof endAllSessionsOutputSchema>;

/** POST /v1/sessions/end-all */
export const endAllSessionsRequestSchema = endAllSessionsInputSchema.extend({ actorId: z.uuid() });
export type EndAllSessionsRequest = z.infer<typeof endAllSessionsRequestSchema>;
