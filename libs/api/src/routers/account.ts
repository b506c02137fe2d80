import { z } from 'zod';
import { accountSchema, changePasswordInputSchema, endAllSessionsInputSchema, endAllSessionsOutputSchema, registerInputSchema, registerOutputSchema } from '@padmeet/contract';
import { createTRPCRouter, protectedProcedure, publicProcedure, roleProcedure } from '../trpc';

export const accountRouter = createTRPCRouter({
  /** Who is signed in (null for guests); the browser shows it in the header. */
  me: publicProcedure.output(accountSchema.nullable()).query(({ ctx }) =>
    ctx.viewer ? { id: ctx.viewer.userId, username: ctx.viewer.username, displayName: ctx.viewer.displayName ?? ctx.viewer.username, role: ctx.viewer.role } : null,
  ),

  /** Username + password + one-time invite token → an account, usable at once. Rate limited in apps/auth. */
  register: publicProcedure
    .input(registerInputSchema)
    .output(registerOutputSchema)
    .mutation(({ ctx, input }) => ctx.accounts.register({ ...input, clientIp: ctx.clientIp })),

  changePassword: protectedProcedure
    .input(changePasswordInputSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.accounts.changePassword({ ...input, userId: ctx.viewer.userId, clientIp: ctx.clientIp });
      return { ok: true as const };
    }),

  /** Admins: signs out every browser of an account (a lost laptop, a shared password): the next request of each is anonymous. */
  endAllSessions: roleProcedure()
    .input(endAllSessionsInputSchema)
    .output(endAllSessionsOutputSchema)
    .mutation(({ ctx, input }) => ctx.accounts.endAllSessions({ ...input, actorId: ctx.viewer.userId })),
});
