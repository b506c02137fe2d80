import { isIP } from 'node:net';
import { z } from 'zod';

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/**
 * The metrics listener's variables for one app, to spread into its env schema:
 * `<PREFIX>_METRICS_PORT` (default `defaultPort`), `METRICS_HOST` (default 127.0.0.1) and
 * `METRICS_TOKEN` (optional, ≥ 32 characters). Check the pair with `metricsHostNeedsToken`.
 */
export function metricsEnvShape<P extends string>(prefix: P, defaultPort: number) {
  return {
    [`${prefix}_METRICS_PORT`]: port.default(defaultPort),
    METRICS_HOST: z
      .string()
      .refine((value) => value === 'localhost' || isIP(value) !== 0, 'must be an IP address (default 127.0.0.1)')
      .default('127.0.0.1'),
    METRICS_TOKEN: z
      .string()
      .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
      .optional(),
  } as { [K in `${P}_METRICS_PORT`]: z.ZodDefault<typeof port> } & {
    METRICS_HOST: z.ZodDefault<z.ZodString>;
    METRICS_TOKEN: z.ZodOptional<z.ZodString>;
  };
}

export interface MetricsEnv {
  METRICS_HOST: string;
  METRICS_TOKEN?: string | undefined;
}

/** A listener reachable from other machines must not be open: such a host needs a token. */
export const metricsHostNeedsToken = {
  check: (env: MetricsEnv) => isLoopback(env.METRICS_HOST) || env.METRICS_TOKEN !== undefined,
  issue: { path: ['METRICS_TOKEN'], message: 'is required when METRICS_HOST is not a loopback address (the metrics would be public)' },
};
