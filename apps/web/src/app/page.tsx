import Link from 'next/link';
import { serverApi } from '../server/caller';
import { NewEventLink } from './events/new-event-link';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const api = await serverApi();
  const [rooms, events] = await Promise.all([api.room.list(), api.event.list()]);
  return (
    <main>
      <NewEventLink />
      {events.length > 0 && (
        <>
          <h1>Schedules</h1>
          <ul className="room-list">
            {events.map((event) => (
              <li key={event.slug}>
                <Link href={`/e/${event.slug}`} data-testid="event-link">
                  <strong>{event.name}</strong>
                  <div className="muted">
                    {event.startsOn} – {event.endsOn} · schedule, now/next, calendar feeds
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
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
