import { calendarFeed, publicCalendar } from '../../../../server/schedule-feeds';

export const dynamic = 'force-dynamic';

/** iCal feed of a whole published event: /api/calendar/<event> */
export async function GET(request: Request, { params }: { params: Promise<{ event: string }> }) {
  const { event } = await params;
  const slug = event.replace(/\.ics$/, '');
  return calendarFeed(publicCalendar(slug, { kind: 'event' }, request), slug);
}
