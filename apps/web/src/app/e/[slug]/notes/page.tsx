import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { eventSlugSchema } from '@padmeet/contract';
import { ArchivePage } from './archive-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  return { title: `Notes · ${(await params).slug} · padmeet` };
}

/** /e/<event>/notes: the event's notes archive, and its search (?q=). */
export default async function EventNotesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ q?: string | string[] }> }) {
  const { slug } = await params;
  if (!eventSlugSchema.safeParse(slug).success) notFound();
  const { q } = await searchParams;
  const query = typeof q === 'string' ? q : undefined;
  return <ArchivePage eventSlug={slug} scope={{}} query={query} back={`/e/${slug}/notes${query ? `?q=${encodeURIComponent(query)}` : ''}`} />;
}
