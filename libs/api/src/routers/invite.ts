import { createInviteInputSchema, createInviteOutputSchema, inviteListOutputSchema, inviteSummarySchema, revokeInviteInputSchema } from '@padmeet/contract';
import { createTRPCRouter, ticketmasterProcedure } from '../trpc';

/**
 * Invite tokens, for ticketmasters and admins. apps/auth checks the actor's
 * role again and which roles it may grant (defence in depth).
 */
export const inviteRouter = createTRPCRouter({
  create: ticketmasterProcedure
    .input(createInviteInputSchema)
    .output(createInviteOutputSchema)
    .mutation(({ ctx, input }) => ctx.accounts.createInvite({ ...input, actorId: ctx.viewer.userId })),

  list: ticketmasterProcedure.output(inviteListOutputSchema).query(({ ctx }) => ctx.accounts.listInvites({ actorId: ctx.viewer.userId })),

  revoke: ticketmasterProcedure
    .input(revokeInviteInputSchema)
    .output(inviteSummarySchema)
    .mutation(({ ctx, input }) => ctx.accounts.revokeInvite({ actorId: ctx.viewer.userId, id: input.id })),
});
