import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { eventSlugSchema, roomSlugSchema } from '@padmeet/contract';
import { ArchivePage } from '../../archive-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ slug: string; room: string }> }): Promise<Metadata> {
  return { title: `Notes · ${(await params).room} · padmeet` };
}

/** /e/<event>/notes/room/<room>: the past sessions held in one room, with their notes. */
export default async function RoomNotesArchivePage({ params }: { params: Promise<{ slug: string; room: string }> }) {
  const { slug, room } = await params;
  if (!eventSlugSchema.safeParse(slug).success || !roomSlugSchema.safeParse(room).success) notFound();
  return <ArchivePage eventSlug={slug} scope={{ room }} query={undefined} back={`/e/${slug}/notes/room/${room}`} />;
}
