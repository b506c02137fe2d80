import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { roomRouter } from './routers/room';
import { accountRouter } from './routers/account';
import { inviteRouter } from './routers/invite';
import { eventRouter } from './routers/event';
import { scheduleRouter } from './routers/schedule';
import { sessionRouter } from './routers/session';
import { trackRouter } from './routers/track';
import { notesRouter } from './routers/notes';
import { roomActivityRouter } from './routers/room-activity';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  room: roomRouter,
  account: accountRouter,
  invite: inviteRouter,
  event: eventRouter,
  track: trackRouter,
  session: sessionRouter,
  schedule: scheduleRouter,
  notes: notesRouter,
  roomActivity: roomActivityRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
