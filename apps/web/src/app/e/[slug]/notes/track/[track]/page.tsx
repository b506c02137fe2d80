import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { eventSlugSchema, trackSlugSchema } from '@padmeet/contract';
import { ArchivePage } from '../../archive-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ slug: string; track: string }> }): Promise<Metadata> {
  return { title: `Notes · ${(await params).track} · padmeet` };
}

/** /e/<event>/notes/track/<track>: one track's past sessions, with their notes. */
export default async function TrackNotesArchivePage({ params }: { params: Promise<{ slug: string; track: string }> }) {
  const { slug, track } = await params;
  if (!eventSlugSchema.safeParse(slug).success || !trackSlugSchema.safeParse(track).success) notFound();
  return <ArchivePage eventSlug={slug} scope={{ track }} query={undefined} back={`/e/${slug}/notes/track/${track}`} />;
}
