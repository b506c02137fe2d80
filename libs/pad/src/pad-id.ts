import { roomSlugSchema } from '@padmeet/contract';
import { AppError } from '@padmeet/util';

/** A pad's ID is its room's slug: checked here so nothing else ever reaches Etherpad's URL space. */
export function parsePadId(padId: string): string {
  const result = roomSlugSchema.safeParse(padId);
  if (!result.success) {
    throw new AppError('BAD_INPUT', {
      field: 'padId',
      userMessage: `"${padId}" is not a valid pad name: ${result.error.issues[0]?.message ?? 'invalid'}.`,
    });
  }
  return result.data;
}
