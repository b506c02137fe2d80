import 'server-only';
import { createAccountsClient, createAuthServiceClient, createRoomActivity, createRoomRateLimits, createScheduleLive, type ApiDeps, type RoomActivityDeps, type ScheduleLive } from '@padmeet/api/server';
import {
  createChangeBus,
  createEventRepository,
  createNotesArchiveRepository,
  createPadRepository,
  createRoomActivityRepository,
  createRoomRepository,
  createScheduleRepository,
  createSessionRepository,
  createTrackRepository,
  getDb,
  type ChangeBus,
  type Db,
} from '@padmeet/data';
import { createPadService } from '@padmeet/pad';
import { createLogger, type Logger } from '@padmeet/util';
import { webEnv, type WebEnv } from './env';
import { servedOverHttps } from './env-schema';
import { announceScheduleChange } from '@padmeet/web-edge';

let deps: ApiDeps | undefined;

/**
 * Etherpad's processes, reached by the server directly; browsers reach them only through this
 * app's `/pad` proxy (apps/web/src/main.ts), on this origin or on the pad's own (same host), so
 * the Etherpad session cookie padmeet sets is the one the pad page sends.
 */
function padsFor(env: WebEnv): ApiDeps['pads'] {
  return createPadService({ apiUrls: env.ETHERPAD_URL, apiKey: env.ETHERPAD_API_KEY, browserPath: padBrowserPath(env) });
}

/** Where browsers reach the pad proxy: `/pad` on this origin, or on the pad's own. */
export function padBrowserPath(env: WebEnv): string {
  return `${env.PADMEET_PAD_ORIGIN ?? ''}/pad`;
}

/**
 * The schedule snapshots and live listeners, one set per process. Next evaluates
 * this module more than once (the route handlers share one copy, the pages
 * another): with one set per copy, a booking made through the tRPC handler
 * dropped that copy's snapshot while the schedule page kept rendering its own
 * for up to 2 s (seen in the booking e2e). Hence globalThis, like the database
 * client. The other dependencies hold no state and stay per copy.
 */
const LIVE = Symbol.for('padmeet.web.schedule-live');

function scheduleLive(db: Db, bus: ChangeBus): ScheduleLive {
  const holder = globalThis as typeof globalThis & { [LIVE]?: ScheduleLive };
  return (holder[LIVE] ??= createScheduleLive(createScheduleRepository(db), { onChange: announceScheduleChange, bus }));
}

/**
 * padmeet's other web processes on the same database (PostgreSQL LISTEN/NOTIFY): a schedule write,
 * a raised hand or a chat message made through one reaches the pages and rooms served by the
 * others at once. One listening connection per process.
 */
const BUS = Symbol.for('padmeet.web.change-bus');

function changeBus(env: WebEnv, logger: Logger): ChangeBus {
  const holder = globalThis as typeof globalThis & { [BUS]?: ChangeBus };
  return (holder[BUS] ??= createChangeBus({ databaseUrl: env.DATABASE_URL, logger }));
}

/** Raised hands and chat (issue 11): one hub per process, shared by the tRPC handler (writes) and the room streams (now/next route). */
const ACTIVITY = Symbol.for('padmeet.web.room-activity');

function roomActivity(db: Db, bus: ChangeBus, logger: Logger): RoomActivityDeps {
  const holder = globalThis as typeof globalThis & { [ACTIVITY]?: RoomActivityDeps };
  return (holder[ACTIVITY] ??= createRoomActivity(createRoomActivityRepository(db), {
    bus,
    onBusError: (error) => logger.warn({ err: error }, "could not read back another process's hands or chat change; the room's streams re-read within a minute"),
  }));
}

/** The API's dependencies, built once (per bundle, see above) from the validated environment. */
export function apiDeps(): ApiDeps {
  if (deps) return deps;
  const env = webEnv();
  const db = getDb(env.DATABASE_URL);
  const logger = createLogger({ name: 'web', level: env.LOG_LEVEL });
  const bus = changeBus(env, logger);
  deps = {
    rooms: createRoomRepository(db),
    schedule: {
      events: createEventRepository(db),
      tracks: createTrackRepository(db),
      sessions: createSessionRepository(db),
      live: scheduleLive(db, bus),
    },
    pads: padsFor(env),
    padRecords: createPadRepository(db),
    notesArchive: createNotesArchiveRepository(db),
    secureCookies: servedOverHttps(env),
    authService: createAuthServiceClient({ url: env.AUTH_URL, secret: env.AUTH_SERVICE_SECRET }),
    accounts: createAccountsClient({ url: env.AUTH_URL, secret: env.AUTH_SERVICE_SECRET }),
    // Room joins route through the tRPC handler's copy of this module only: one set of limiters serves them.
    roomLimits: createRoomRateLimits(),
    roomActivity: roomActivity(db, bus, logger),
    sfuPublicUrl: env.SFU_PUBLIC_URL,
    logger,
    now: Date.now,
  };
  return deps;
}
