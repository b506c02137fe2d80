import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { eventSlugSchema } from '@padmeet/contract';
import { publicServerApi } from '../../../server/caller';
import { foundOrNull, isTooManyRequests } from '../../../server/not-found';
import { DraftScheduleLoader, ScheduleView } from './schedule-view';

/**
 * The public schedule is the same for every visitor: it is rendered from the
 * event's in-memory snapshot (libs/api schedule-live, one query per 2 s) and,
 * in production, kept by the response cache in front of Next (src/main.ts),
 * which a write in this process clears at once. It is not also kept by Next
 * (ISR): Next applies a revalidatePath made in a route handler in the
 * background (waitUntil), so a page requested right after a booking could come
 * back as the copy from before it, and the response cache would keep that.
 *
 * The API is called without the visitor's cookies, with only the address the server vouched for:
 * an address over the limit of unknown events gets this segment's 404 (not-found.tsx), never a
 * 500 nor a 200 the response cache would keep.
 *
 * What differs per visitor happens in the browser: the time zone (and ?tz=),
 * the viewer's edit rights (a tRPC query with their session on mount),
 * now/next (SSE) and the open session's details (?session=). Drafts are not
 * rendered here: their organisers see them through the client query.
 */
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Schedule · ${slug} · padmeet` };
}

export default async function EventSchedulePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!eventSlugSchema.safeParse(slug).success) notFound();
  // Anonymous, but on behalf of the client's address: its reads of unknown events are limited per address.
  const api = await publicServerApi();
  const schedule = await foundOrNull(api.schedule.get({ eventSlug: slug })).catch((error: unknown) => {
    if (isTooManyRequests(error)) notFound();
    throw error;
  });
  if (!schedule) {
    if (!(await api.event.exists({ slug })).exists) notFound();
    return (
      <main>
        <DraftScheduleLoader eventSlug={slug} />
      </main>
    );
  }
  return (
    <main>
      <ScheduleView initial={schedule} />
    </main>
  );
}
