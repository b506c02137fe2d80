import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { roomSlugSchema } from '@padmeet/contract';
import { serverApi } from '../../../../server/caller';
import { NotesView } from './notes-view';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Notes · padmeet' };

/**
 * A room's notes without joining the call: the predictable address where chairs prepare the
 * notes before the event and teams read them afterwards. Who may open them is decided by the
 * server (room.openNotes), as for joining the room.
 */
export default async function RoomNotesPage({ params }: { params: Promise<{ slug: string }> }) {
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
      <NotesView room={room} signedInAs={account?.displayName ?? null} />
    </main>
  );
}
