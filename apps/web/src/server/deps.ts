import 'server-only';
import { createAccountsClient, createAuthServiceClient, createScheduleLive, type ApiDeps } from '@padmeet/api/server';
import { createEventRepository, createRoomRepository, createScheduleRepository, createSessionRepository, createTrackRepository, getDb } from '@padmeet/data';
import { createPadService } from '@padmeet/pad';
import { createLogger } from '@padmeet/util';
import { webEnv, type WebEnv } from './env';
import { announceScheduleChange } from './schedule-cache';

let deps: ApiDeps | undefined;

/**
 * Browsers reach the pad through this app's /pad proxy (same origin, so Etherpad's
 * cookies work inside the iframe), unless ETHERPAD_PUBLIC_URL names another address.
 */
function padsFor(env: WebEnv): ApiDeps['pads'] {
  const service = createPadService({ apiUrl: env.ETHERPAD_URL, apiKey: env.ETHERPAD_API_KEY, publicUrl: env.ETHERPAD_PUBLIC_URL });
  if (env.ETHERPAD_PUBLIC_URL) return service;
  return { ensurePad: (id, text) => service.ensurePad(id, text), padUrl: (id) => `/pad/p/${encodeURIComponent(id)}` };
}

/** Process-wide dependencies of the API, built once from the validated environment. */
export function apiDeps(): ApiDeps {
  if (deps) return deps;
  const env = webEnv();
  const db = getDb(env.DATABASE_URL);
  deps = {
    rooms: createRoomRepository(db),
    schedule: {
      events: createEventRepository(db),
      tracks: createTrackRepository(db),
      sessions: createSessionRepository(db),
      live: createScheduleLive(createScheduleRepository(db), { onChange: announceScheduleChange }),
    },
    pads: padsFor(env),
    authService: createAuthServiceClient({ url: env.AUTH_URL, secret: env.AUTH_SERVICE_SECRET }),
    accounts: createAccountsClient({ url: env.AUTH_URL, secret: env.AUTH_SERVICE_SECRET }),
    sfuPublicUrl: env.SFU_PUBLIC_URL,
    logger: createLogger({ name: 'web', level: env.LOG_LEVEL }),
    now: Date.now,
  };
  return deps;
}
