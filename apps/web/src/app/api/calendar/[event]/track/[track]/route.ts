import { calendarFeed, publicCalendar } from '../../../../../../server/schedule-feeds';

export const dynamic = 'force-dynamic';

/** iCal feed of one track of a published event: /api/calendar/<event>/track/<track> */
export async function GET(request: Request, { params }: { params: Promise<{ event: string; track: string }> }) {
  const { event, track } = await params;
  const trackSlug = track.replace(/\.ics$/, '');
  return calendarFeed(publicCalendar(event, { kind: 'track', trackSlug }, request), `${event}-${trackSlug}`);
}
