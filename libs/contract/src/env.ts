import { z } from 'zod';

/**
 * Building blocks for each app's environment schema. Every app validates its
 * whole environment once at start-up (see apps/<app>/src/env.ts).
 */
export const portSchema = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

export const httpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:9001' })
  .transform((value) => value.replace(/\/+$/, ''));

export const postgresUrlSchema = z
  .string({ error: 'is required, e.g. postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet' })
  .regex(/^postgres(ql)?:\/\//, 'must start with postgresql://');

export const secretSchema = (minLength: number) =>
  z.string({ error: 'is required (run `npm run setup` to generate local secrets)' }).min(minLength, `must be at least ${minLength} characters`);

export const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** A PEM block as it arrives through an environment variable (literal "\n" allowed). */
export const pemSchema = (label: string) =>
  z
    .string({ error: `is required: a ${label} in PEM form` })
    .transform((value) => value.replace(/\\n/g, '\n'))
    .refine((value) => value.includes(`-----BEGIN ${label}-----`), `must be a PEM ${label}`);
