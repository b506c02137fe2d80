import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { createServerCaller } from '@padmeet/api/server';
import { eventSlugSchema } from '@padmeet/contract';
import { apiDeps } from '../../../server/deps';
import { DraftScheduleLoader, ScheduleView } from './schedule-view';

/**
 * The public schedule is the same for every visitor, so the page is rendered
 * once per event and served from Next's cache for a few seconds (ISR), which
 * keeps it cheap under load. What differs per visitor happens in the browser:
 * the time zone (and ?tz=), the viewer's edit rights (a tRPC query with their
 * session on mount) and now/next (SSE). Drafts are not rendered here: their
 * organisers see them through the client query.
 */
export const dynamic = 'force-static';
export const revalidate = 5;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Schedule · ${slug} · padmeet` };
}

export default async function EventSchedulePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!eventSlugSchema.safeParse(slug).success) notFound();
  const api = createServerCaller(apiDeps(), { viewer: null });
  const schedule = await api.schedule.get({ eventSlug: slug }).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!schedule) {
    if (!(await apiDeps().schedule.events.findBySlug(slug))) notFound();
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
