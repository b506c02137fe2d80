import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isIP } from 'node:net';
import { z } from 'zod';
import { httpUrlSchema, logLevelSchema, pemSchema, portSchema, secretSchema } from '@padmeet/contract';
import { metricsEnvShape, metricsHostNeedsToken } from '@padmeet/metrics';
import { parseEnvOrExit } from '@padmeet/util';

const ipSchema = z.string().refine((value) => isIP(value) !== 0, 'must be an IP address, e.g. 127.0.0.1 or 203.0.113.7');

const originListSchema = z
  .string()
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
  .pipe(
    z
      .array(
        z.string().refine((origin) => {
          try {
            const url = new URL(origin);
            return /^https?:$/.test(url.protocol) && url.origin === origin.replace(/\/+$/, '');
          } catch {
            return false;
          }
        }, 'must be a comma-separated list of origins such as http://localhost:3000 (scheme, host, port; no path)'),
      )
      .min(1, 'must name at least one web origin, e.g. http://localhost:3000'),
  );

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const sfuEnvSchema = z
  .object({
    SFU_PORT: portSchema.default(3002),
    SFU_HOST: z.string().min(1).default('127.0.0.1'),
    SFU_LISTEN_IP: ipSchema.default('127.0.0.1'),
    SFU_ANNOUNCED_IP: ipSchema.optional(),
    /** UDP and TCP port of worker 0's WebRtcServer; worker i listens on SFU_RTC_PORT + i. */
    SFU_RTC_PORT: portSchema.default(30000),
    SFU_WORKERS: z.coerce
      .number({ error: 'must be a number of workers' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(64, 'must be at most 64')
      .default(() => availableParallelism()),
    JOIN_TOKEN_PUBLIC_KEY: pemSchema('PUBLIC KEY'),
    SFU_ALLOWED_ORIGINS: originListSchema.default(['http://localhost:3000', 'http://127.0.0.1:3000']),
    MEDIASOUP_WORKER_BIN: z
      .string()
      .refine(isExecutableFile, 'must be the path of the executable mediasoup-worker (build it with infra/scripts/build-mediasoup-worker.sh)')
      .optional(),
    LOG_LEVEL: logLevelSchema,
    /**
     * `on` only on a load-test SFU (infra/bench/capacity): plain SRTP transports for join tokens
     * that carry `loadTest`. Never in production.
     */
    SFU_LOAD_TEST: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
    /** A room grows onto another worker past this many peers on one router (pipeToRouter); unset: one worker per room. */
    SFU_PEERS_PER_ROUTER: z.coerce
      .number({ error: 'must be a number of peers' })
      .int('must be a whole number')
      .min(2, 'must be at least 2')
      .max(10_000, 'must be at most 10000')
      .optional(),
    // Metrics (issue 13): the listener, the room label cap, how often stats are read, the chairs' warning thresholds.
    ...metricsEnvShape('SFU', 9402),
    SFU_METRICS_ROOM_LABELS: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(1000, 'must be at most 1000').default(50),
    SFU_STATS_INTERVAL_MS: z.coerce.number({ error: 'must be a number of ms' }).int().min(200, 'must be at least 200').max(60_000, 'must be at most 60000').default(5000),
    SFU_WARN_LOSS: z.coerce.number({ error: 'must be a share, e.g. 0.05' }).gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.05),
    SFU_WARN_CPU: z.coerce.number({ error: 'must be a share, e.g. 0.85' }).gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.85),
    /** `on`: the old JSON view also at GET /metrics on the public port (local and test stacks, for the room benchmark and tests). */
    SFU_PUBLIC_JSON_METRICS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
    // Attendance (issue 12): joins and leaves reported to the web app's internal endpoint with the service secret.
    /** The web app's base URL as the SFU reaches it, e.g. http://127.0.0.1:3000; unset: attendance is not reported. */
    WEB_INTERNAL_URL: httpUrlSchema.optional(),
    AUTH_SERVICE_SECRET: secretSchema(32).optional(),
  })
  .refine((env) => !env.WEB_INTERNAL_URL || env.AUTH_SERVICE_SECRET, {
    path: ['AUTH_SERVICE_SECRET'],
    message: 'is required with WEB_INTERNAL_URL (the shared service secret the web app checks attendance reports with)',
  })
  .refine(metricsHostNeedsToken.check, metricsHostNeedsToken.issue)
  .refine((env) => env.SFU_RTC_PORT + env.SFU_WORKERS - 1 <= 65535, {
    path: ['SFU_RTC_PORT'],
    message: 'plus SFU_WORKERS - 1 must stay a port number (worker i listens on SFU_RTC_PORT + i)',
  });

export type SfuEnv = z.infer<typeof sfuEnvSchema>;

/** The only place apps/sfu reads process.env. */
export function loadSfuEnv(env: Record<string, string | undefined> = process.env): SfuEnv {
  return parseEnvOrExit('sfu', sfuEnvSchema, env);
}
