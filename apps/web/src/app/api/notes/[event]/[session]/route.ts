import { attachment, sessionFileStem, sessionHtml, sessionMarkdown } from '@padmeet/api/server';
import { eventSlugSchema } from '@padmeet/contract';
import { download, exportCaller, notFoundResponse, refusal } from '../../export';

export const dynamic = 'force-dynamic';

const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(md|html)$/i;

/** /api/notes/<event>/<session>.md and .html: one past session's notes. */
export async function GET(request: Request, { params }: { params: Promise<{ event: string; session: string }> }) {
  const { event: eventSlug, session } = await params;
  const file = FILE.exec(session);
  if (!eventSlugSchema.safeParse(eventSlug).success || !file) return notFoundResponse('No such notes export: use /api/notes/<event>/<session>.md or .html.');
  const [, sessionId, format] = file as unknown as [string, string, 'md' | 'html'];
  try {
    const exported = await (await exportCaller(request)).notes.export({ eventSlug, sessionId: sessionId.toLowerCase() });
    const only = exported.sessions[0]!;
    const stem = sessionFileStem(only, exported.event.timeZone);
    return format.toLowerCase() === 'md'
      ? download(sessionMarkdown(exported.event, only), 'text/markdown; charset=utf-8', attachment(`${stem}.md`))
      : download(sessionHtml(exported.event, only), 'text/html; charset=utf-8', attachment(`${stem}.html`));
  } catch (error) {
    return refusal(error);
  }
}
