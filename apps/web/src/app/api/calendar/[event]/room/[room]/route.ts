import { calendarFeed, publicCalendar } from '../../../../../../server/schedule-feeds';

export const dynamic = 'force-dynamic';

/** iCal feed of one room of a published event: /api/calendar/<event>/room/<room> */
export async function GET(request: Request, { params }: { params: Promise<{ event: string; room: string }> }) {
  const { event, room } = await params;
  const roomSlug = room.replace(/\.ics$/, '');
  return calendarFeed(publicCalendar(event, { kind: 'room', roomSlug }, request), `${event}-${roomSlug}`);
}
