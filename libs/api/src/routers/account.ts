import { z } from 'zod';
import { accountSchema, changePasswordInputSchema, registerInputSchema, registerOutputSchema } from '@padmeet/contract';
import { AppError } from '@padmeet/util';
import type { ApiContext } from '../context';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

/** The accounts client, or a clear UNAVAILABLE when the app was built without one. */
export function accountsOf(ctx: ApiContext) {
  if (!ctx.accounts) throw new AppError('UNAVAILABLE', { userMessage: 'Accounts are not available on this server.' });
  return ctx.accounts;
}

export const accountRouter = createTRPCRouter({
  /** Who is signed in (null for guests); the browser shows it in the header. */
  me: publicProcedure.output(accountSchema.nullable()).query(({ ctx }) =>
    ctx.viewer ? { id: ctx.viewer.userId, username: ctx.viewer.username, displayName: ctx.viewer.displayName ?? ctx.viewer.username, role: ctx.viewer.role } : null,
  ),

  /** Username + password + one-time invite token → an account, usable at once. Rate limited in apps/auth. */
  register: publicProcedure
    .input(registerInputSchema)
    .output(registerOutputSchema)
    .mutation(({ ctx, input }) => accountsOf(ctx).register({ ...input, clientIp: ctx.clientIp })),

  changePassword: protectedProcedure
    .input(changePasswordInputSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await accountsOf(ctx).changePassword({ ...input, userId: ctx.viewer.userId, clientIp: ctx.clientIp });
      return { ok: true as const };
    }),
});
