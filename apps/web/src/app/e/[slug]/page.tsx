import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { eventSlugSchema } from '@padmeet/contract';
import { serverApi } from '../../../server/caller';
import { ScheduleView } from './schedule-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Schedule · ${slug} · padmeet` };
}

export default async function EventSchedulePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  const query = await searchParams;
  if (!eventSlugSchema.safeParse(slug).success) notFound();
  const api = await serverApi();
  const schedule = await api.schedule.get({ eventSlug: slug }).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!schedule) notFound();
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return (
    <main>
      <ScheduleView initial={schedule} zoneParam={one(query['tz']) ?? null} clockParam={one(query['at']) ?? null} />
    </main>
  );
}
