import { padBrowserPath } from '../../../server/deps';
import { webEnv } from '../../../server/env';
import { loadRoom } from './load-room';
import { RoomView } from './room-view';

export const dynamic = 'force-dynamic';

export default async function RoomPage({ params }: { params: Promise<{ slug: string }> }) {
  const { room, signedInAs } = await loadRoom((await params).slug);
  return (
    <main>
      <RoomView room={room} signedInAs={signedInAs} padPath={padBrowserPath(webEnv())} />
    </main>
  );
}
