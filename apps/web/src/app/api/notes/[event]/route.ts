import { attachment, eventNotesZip } from '@padmeet/api/server';
import { eventSlugSchema } from '@padmeet/contract';
import { download, exportCaller, notFoundResponse, refusal } from '../export';

export const dynamic = 'force-dynamic';

/** /api/notes/<event>.zip: every past session's notes of the event, as Markdown and HTML, in one zip. */
export async function GET(request: Request, { params }: { params: Promise<{ event: string }> }) {
  const { event } = await params;
  const eventSlug = event.replace(/\.zip$/, '');
  if (!eventSlugSchema.safeParse(eventSlug).success) return notFoundResponse('No such notes export.');
  try {
    const exported = await (await exportCaller(request)).notes.export({ eventSlug });
    const { filename, bytes } = eventNotesZip(exported, new Date());
    return download(bytes as Uint8Array<ArrayBuffer>, 'application/zip', attachment(filename));
  } catch (error) {
    return refusal(error);
  }
}
