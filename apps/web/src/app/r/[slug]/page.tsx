import { loadRoom } from './load-room';
import { RoomView } from './room-view';

export const dynamic = 'force-dynamic';

export default async function RoomPage({ params }: { params: Promise<{ slug: string }> }) {
  const { room, signedInAs, api } = await loadRoom((await params).slug);
  // The notes load with the page when this person may open them (a refusal shows at the join, as before).
  const notesAhead = await api.room.notesAhead({ slug: room.slug }).catch(() => null);
  return (
    <main>
      <RoomView room={room} signedInAs={signedInAs} notesAhead={notesAhead} />
    </main>
  );
}
