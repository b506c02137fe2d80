import Link from 'next/link';
import { serverApi } from '../server/caller';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const rooms = await (await serverApi()).room.list();
  return (
    <main>
      <h1>Rooms</h1>
      {rooms.length === 0 ? (
        <p className="muted">No published rooms yet.</p>
      ) : (
        <ul className="room-list">
          {rooms.map((room) => (
            <li key={room.slug}>
              <Link href={`/r/${room.slug}`} data-testid="room-link">
                <strong>{room.name}</strong>
                <div className="muted">
                  {room.eventName} · /r/{room.slug}
                  {room.capacity ? ` · up to ${room.capacity}` : ''}
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
