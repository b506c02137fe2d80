import { z } from 'zod';
import { logLevelSchema, pemSchema, portSchema, postgresUrlSchema, secretSchema } from '@padmeet/contract';
import { metricsEnvShape, metricsHostNeedsToken } from '@padmeet/metrics';
import { parseEnvOrExit } from '@padmeet/util';

const authEnvSchema = z.object({
  AUTH_PORT: portSchema.default(3001),
  AUTH_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: postgresUrlSchema,
  /** Shared secret the web app presents on every service call (Authorization: Bearer). */
  AUTH_SERVICE_SECRET: secretSchema(32),
  JOIN_TOKEN_PRIVATE_KEY: pemSchema('PRIVATE KEY'),
  LOG_LEVEL: logLevelSchema,
  // Metrics (issue 13): the listener (loopback by default) and its optional token.
  ...metricsEnvShape('AUTH', 9401),
}).refine(metricsHostNeedsToken.check, metricsHostNeedsToken.issue);

export type AuthEnv = z.infer<typeof authEnvSchema>;

/** The only place apps/auth reads process.env. */
export function loadAuthEnv(env: Record<string, string | undefined> = process.env): AuthEnv {
  return parseEnvOrExit('auth', authEnvSchema, env);
}

const adminCreateEnvSchema = z.object({
  DATABASE_URL: postgresUrlSchema,
  /** The new account's password; when unset, the script asks on the terminal (or reads one line from stdin). */
  ADMIN_PASSWORD: z.string().optional(),
});

export type AdminCreateEnv = z.infer<typeof adminCreateEnvSchema>;

/** Environment of `npm run admin:create` (apps/auth/src/admin-create.ts). */
export function loadAdminCreateEnv(env: Record<string, string | undefined> = process.env): AdminCreateEnv {
  return parseEnvOrExit('admin:create', adminCreateEnvSchema, env);
}
