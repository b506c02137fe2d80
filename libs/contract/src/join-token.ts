import { z } from 'zod';
import { displayNameSchema, roomSlugSchema } from './room';

/** Roles, from most to least privileged. Guests hold only a pseudonym. */
export const roleSchema = z.enum(['admin', 'ticketmaster', 'organiser', 'chair', 'participant', 'guest']);
export type Role = z.infer<typeof roleSchema>;

/** The grants a join token carries; the SFU acts on these and nothing else. */
export const joinGrantsSchema = z.object({
  room: roomSlugSchema,
  name: displayNameSchema,
  role: roleSchema,
  canPublish: z.boolean(),
  /** The room's capacity (people at once), enforced by the SFU at join; absent or null: no limit. */
  capacity: z.number().int().positive().max(10_000).nullable().optional(),
  /**
   * A synthetic participant of a load test (infra/bench/capacity): may open plain SRTP transports
   * (`createPlainTransport`), and only on an SFU started with load testing enabled. Never set by the web app.
   */
  loadTest: z.boolean().optional(),
});
export type JoinGrants = z.infer<typeof joinGrantsSchema>;

/** Verified claims: the grants plus who and until when. */
export const joinClaimsSchema = joinGrantsSchema.extend({
  sub: z.string().min(1),
  exp: z.number().int(),
  iat: z.number().int(),
  jti: z.string().min(1),
});
export type JoinClaims = z.infer<typeof joinClaimsSchema>;

/** Web → auth: ask for a join token (service-to-service, authenticated). Never a load-test token: zod drops `loadTest`. */
export const joinTokenRequestSchema = joinGrantsSchema.omit({ loadTest: true }).extend({
  subject: z.string().min(1).max(128),
  /** Absolute deadline (ms since epoch): the end of the session being joined. */
  notAfter: z.number().int().positive().optional(),
});
export type JoinTokenRequest = z.infer<typeof joinTokenRequestSchema>;

export const joinTokenResponseSchema = z.object({
  token: z.string().min(1),
  expiresAt: z.number().int(),
});
export type JoinTokenResponse = z.infer<typeof joinTokenResponseSchema>;
