import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Viewer } from '@padmeet/contract';
import { createContext, type ApiDeps } from './context';
import { appRouter, createCaller } from './root';

export { appRouter, createCaller } from './root';
export { createContext, type ApiDeps, type ApiContext, type ScheduleDeps } from './context';
export { createScheduleLive, type ScheduleLive } from './services/schedule-live';
export { nowNextView, toNowNextWire } from './services/schedule-views';
export { buildCalendar, type CalendarScope } from './services/calendar';
export { createAuthServiceClient, type AuthServiceClient } from './services/auth-service.client';
export { createAccountsClient, type AccountsClient } from './services/accounts.client';
export { createRoomRateLimits, ROOM_RATE_LIMITS, type RoomRateLimits } from './services/room-limits';
export { attachment, eventNotesZip, sessionFileStem, sessionHtml, sessionMarkdown } from './services/notes-export';
export { createRoomActivity, createRoomActivityHub, ROOM_ACTIVITY_LIMITS, type RoomActivityDeps, type RoomActivityHub, type RoomActivityPush } from './services/room-activity';

/** The Next.js route handler body for /api/trpc/*. */
export function handleTrpcRequest(request: Request, deps: ApiDeps, viewer: Viewer | null = null): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext(deps, { headers: request.headers, viewer, responseHeaders: resHeaders }),
  });
}

/** Server-side calls (React Server Components) go through the same procedures and checks. */
export function createServerCaller(deps: ApiDeps, options: { headers?: Headers; viewer?: Viewer | null; responseHeaders?: Headers } = {}) {
  return createCaller(createContext(deps, { headers: options.headers ?? new Headers(), viewer: options.viewer ?? null, responseHeaders: options.responseHeaders }));
}
