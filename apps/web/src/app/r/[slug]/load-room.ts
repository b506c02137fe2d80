import 'server-only';
import { notFound } from 'next/navigation';
import { roomSlugSchema, type RoomSummary } from '@padmeet/contract';
import { serverApi } from '../../../server/caller';
import { foundOrNull } from '../../../server/not-found';

/** The room named in the address and who is looking; a 404 page for a malformed or unknown slug. */
export async function loadRoom(slug: string): Promise<{ room: RoomSummary; signedInAs: string | null }> {
  if (!roomSlugSchema.safeParse(slug).success) notFound();
  const api = await serverApi();
  const room = await foundOrNull(api.room.bySlug({ slug }));
  if (!room) notFound();
  const account = await api.account.me();
  return { room, signedInAs: account?.displayName ?? null };
}
