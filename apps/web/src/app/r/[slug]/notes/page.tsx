import type { Metadata } from 'next';
import { loadRoom } from '../load-room';
import { NotesView } from './notes-view';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Notes · padmeet' };

/**
 * A room's notes without joining the call: the predictable address where chairs prepare the
 * notes before the event and teams read them afterwards. Who may open them is decided by the
 * server (room.openNotes), as for joining the room.
 */
export default async function RoomNotesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { room, signedInAs } = await loadRoom((await params).slug);
  return (
    <main>
      <NotesView room={room} signedInAs={signedInAs} />
    </main>
  );
}
