import type { Viewer } from '@padmeet/contract';
import type { EventRepository, NotesArchiveRepository, PadRepository, RoomRepository, SessionRepository, TrackRepository } from '@padmeet/data';
import type { PadService } from '@padmeet/pad';
import { clientAddressOf, type Logger } from '@padmeet/util';
import type { AccountsClient } from './services/accounts.client';
import type { AuthServiceClient } from './services/auth-service.client';
import type { RoomRateLimits } from './services/room-limits';
import type { RoomActivityDeps } from './services/room-activity';
import type { ScheduleLive } from './services/schedule-live';

/** Scheduling: repositories for writes, the live snapshot for reads. */
export interface ScheduleDeps {
  events: EventRepository;
  tracks: TrackRepository;
  sessions: SessionRepository;
  live: ScheduleLive;
}

/** Everything a procedure may use; built once per process by the app, per request by `createContext`. */
export interface ApiDeps {
  rooms: RoomRepository;
  schedule: ScheduleDeps;
  pads: Pick<PadService, 'createEventGroup' | 'ensureRoomPad' | 'ensureAuthor' | 'createSession' | 'retireSessions' | 'appendText' | 'padUrl'>;
  /** The event's Etherpad group and the session sections, as PostgreSQL records them. */
  padRecords: PadRepository;
  /** The notes archive's reads (issue 12): past sessions' notes, search, attendance, chat. Absent in tests of other procedures: its procedures answer UNAVAILABLE. */
  notesArchive?: NotesArchiveRepository;
  /** Cookies padmeet sets carry `Secure` (the public URL is https). */
  secureCookies: boolean;
  authService: AuthServiceClient;
  /** Accounts, sessions and invites in apps/auth. */
  accounts: AccountsClient;
  /** Joins and media token refreshes per client address (createRoomRateLimits, one set per process). */
  roomLimits: RoomRateLimits;
  /**
   * Raised hands and chat (issue 11): repository, the room streams' hub, per-person limits
   * (createRoomActivity, one per process). Absent in tests of other procedures: its procedures answer UNAVAILABLE.
   */
  roomActivity?: RoomActivityDeps;
  /** WebSocket URL browsers use to reach the SFU, e.g. ws://127.0.0.1:3002/ws */
  sfuPublicUrl: string;
  logger: Logger;
  now: () => number;
}

export interface ApiContext extends ApiDeps {
  /** The signed-in account, or null for guests and anonymous visitors. Resolved by the app per request. */
  viewer: Viewer | null;
  /** The client address (X-Forwarded-For as the web app's server resolved it), for rate limits and logs. */
  clientIp: string | null;
  /** The request's headers (cookies), when there is a request. */
  requestHeaders?: Headers;
  /** Headers of the response, for procedures that set cookies (the pad session); absent for server-side calls. */
  responseHeaders?: Headers;
  /**
   * The events (slugs) this call loaded to change (services/schedule-access.ts records them).
   * After a mutation succeeds, the procedures' one middleware (trpc.ts) tells the live schedule
   * that each changed: snapshots, cached pages and now/next streams of the event are refreshed
   * without any handler having to remember it.
   */
  scheduleWrites?: Set<string>;
}

export function createContext(deps: ApiDeps, request?: { headers: Headers; viewer?: Viewer | null; responseHeaders?: Headers }): ApiContext {
  return { ...deps, viewer: request?.viewer ?? null, clientIp: clientAddressOf(request?.headers), requestHeaders: request?.headers, responseHeaders: request?.responseHeaders };
}
