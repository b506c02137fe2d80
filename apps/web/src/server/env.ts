import 'server-only';
import { parseEnvOrExit } from '@padmeet/util';
import { webEnvSchema, type WebEnv } from './env-schema';

export type { WebEnv };
let cached: WebEnv | undefined;

/** The only place apps/web reads process.env (server side). */
export function webEnv(): WebEnv {
  cached ??= parseEnvOrExit('web', webEnvSchema, process.env);
  return cached;
}
