import { notFound } from 'next/navigation';
import { roomSlugSchema } from '@padmeet/contract';
import { serverApi } from '../../../server/caller';
import { RoomView } from './room-view';

export const dynamic = 'force-dynamic';

export default async function RoomPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!roomSlugSchema.safeParse(slug).success) notFound();
  const api = await serverApi();
  const room = await api.room.bySlug({ slug }).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!room) notFound();
  const account = await api.account.me();
  return (
    <main>
      <RoomView room={room} signedInAs={account?.displayName ?? null} />
    </main>
  );
}
