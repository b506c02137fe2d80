import { calendarResponse, publicCalendar } from '../../../../server/schedule-feeds';

export const dynamic = 'force-dynamic';

/** iCal feed of a whole published event: /api/calendar/<event> */
export async function GET(request: Request, { params }: { params: Promise<{ event: string }> }) {
  const { event } = await params;
  const slug = event.replace(/\.ics$/, '');
  return calendarResponse(await publicCalendar(slug, { kind: 'event' }, new URL(request.url).origin), slug);
}
