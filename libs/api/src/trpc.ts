import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Role } from '@padmeet/contract';
import { isDatabaseUnavailable } from '@padmeet/data';
import { AppError, isAppError, type AppErrorCode } from '@padmeet/util';
import type { ApiContext } from './context';

const trpcCodes: Record<AppErrorCode, TRPCError['code']> = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const appError = isAppError(error.cause) ? error.cause : null;
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: appError?.userMessage ?? (zodError ? (zodError.issues[0]?.message ?? 'Invalid input') : shape.message),
      data: {
        ...shape.data,
        stack: undefined,
        /** Which form field the message belongs to, so the UI shows it next to that field. */
        field: appError?.field ?? (zodError ? zodError.issues[0]?.path.join('.') : undefined),
        fieldErrors: zodError ? Object.fromEntries(zodError.issues.map((issue) => [issue.path.join('.'), issue.message])) : undefined,
        retryAfterSeconds: appError?.retryAfterSeconds,
      },
    };
  },
});

/** The one error-mapping middleware: domain AppErrors become tRPC errors; anything else is logged and hidden. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) {
      // A service padmeet depends on failed (auth, Etherpad…): the user sees the message, the log the cause.
      if (cause.code === 'UNAVAILABLE' || cause.code === 'INTERNAL') ctx.logger.warn({ err: cause.cause ?? cause, path, code: cause.code }, 'procedure could not be served');
      result.error = new TRPCError({ code: trpcCodes[cause.code], message: cause.userMessage, cause });
    } else if (result.error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(result.error.cause)) {
      // Busy or down, not broken: the person is told to try again (503), the log says what happened.
      ctx.logger.warn({ err: result.error.cause, path, code: 'UNAVAILABLE' }, 'procedure could not be served: the database did not answer');
      const unavailable = new AppError('UNAVAILABLE', { userMessage: 'padmeet is very busy or its database is not reachable right now; try again in a moment.', cause: result.error.cause });
      result.error = new TRPCError({ code: trpcCodes.UNAVAILABLE, message: unavailable.userMessage, cause: unavailable });
    } else if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.logger.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
      result.error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.', cause: new AppError('INTERNAL') });
    }
  }
  return result;
});

/**
 * The one place schedule writes are announced: a mutation that succeeded tells the live schedule
 * about every event it loaded to change (recorded by eventForEdit / trackForSessionEdit /
 * scheduleWritten in services/schedule-access.ts, which every schedule write passes for its
 * permission check), so a new write cannot leave stale snapshots, pages or now/next streams.
 */
const announceScheduleWrites = t.middleware(async ({ ctx, next, type }) => {
  if (type !== 'mutation') return next();
  const scheduleWrites = new Set<string>();
  const result = await next({ ctx: { scheduleWrites } });
  if (result.ok) for (const eventSlug of scheduleWrites) ctx.schedule.live.changed(eventSlug);
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Anyone, signed in or not. Every procedure still declares its input and output schemas. */
export const publicProcedure = t.procedure.use(mapErrors).use(announceScheduleWrites);

/** Signed-in accounts only; `ctx.viewer` is non-null inside. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', { userMessage: 'Please sign in first.' });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/**
 * Signed-in accounts holding one of `roles` (admin always passes). Resource-level
 * rules (a chair's own tracks, an organiser's own events) are checked by the
 * domain's permission functions inside the handler, on the server.
 */
export function roleProcedure(...roles: Exclude<Role, 'guest'>[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (ctx.viewer.role !== 'admin' && !roles.includes(ctx.viewer.role)) {
      throw new AppError('FORBIDDEN', { userMessage: 'Your account is not allowed to do that.' });
    }
    return next();
  });
}

export const organiserProcedure = roleProcedure('organiser');
export const chairProcedure = roleProcedure('chair', 'organiser');
export const ticketmasterProcedure = roleProcedure('ticketmaster');
