import { z } from 'zod';
import { roleSchema } from './join-token';

/**
 * Who is calling, as the server knows it: a signed-in account (from the
 * next-auth session) or nobody. Guests have no account: they are `null` here
 * and join rooms with a pseudonym.
 */
export const viewerSchema = z.object({
  userId: z.string().min(1),
  username: z.string().min(1),
  role: roleSchema.exclude(['guest']),
  /** Name shown in rooms; the username when absent. */
  displayName: z.string().min(1).optional(),
});
export type Viewer = z.infer<typeof viewerSchema>;
