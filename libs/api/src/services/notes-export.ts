import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ExportedSession, NotesExport, SnippetSegment } from '@padmeet/contract';
import { formatMinutes, toZoned } from '@padmeet/schedule';

/**
 * The notes archive's exports, pure: one session as Markdown or as a standalone HTML page, and an
 * event's notes as a zip of both per session with an index. Every text from people (titles,
 * names, notes, chat) is escaped in HTML; file names are built only from [a-z0-9-].
 */

type ExportEvent = NotesExport['event'];

/** Start of ts_headline's highlight and its end: private-use characters, stripped from the text first (see the repository). */
export const HIT_START = '\uE000';
export const HIT_END = '\uE001';

/** A ts_headline result marked with HIT_START/HIT_END, as plain-text segments (React escapes them when rendering). */
export function snippetSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += text;
    else segments.push({ text, hit });
  };
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(HIT_START);
    if (start === -1) {
      push(rest.replaceAll(HIT_END, ''), false);
      break;
    }
    push(rest.slice(0, start).replaceAll(HIT_END, ''), false);
    const end = rest.indexOf(HIT_END, start + 1);
    const hit = end === -1 ? rest.slice(start + 1) : rest.slice(start + 1, end);
    push(hit.replaceAll(HIT_START, ''), true);
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return segments;
}

/** "2026-12-01 10:00–11:00 (Europe/Berlin)": the session's time in the event's zone. */
export function sessionWhen(session: Pick<ExportedSession, 'startsAt' | 'endsAt'>, timeZone: string): string {
  const start = toZoned(session.startsAt, timeZone);
  const end = toZoned(session.endsAt, timeZone);
  const endDay = end.date === start.date ? '' : `${end.date} `;
  return `${start.date} ${formatMinutes(start.minutes)}–${endDay}${formatMinutes(end.minutes)} (${timeZone})`;
}

/** Lower-case ASCII letters, digits and single dashes, at most `max` characters ("" when nothing is left). */
export function fileSlug(text: string, max = 48): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** "2026-12-01-1000_zuul-room_release-planning": unique per event (a room holds one session at a time). */
export function sessionFileStem(session: Pick<ExportedSession, 'startsAt' | 'room' | 'title'>, timeZone: string): string {
  const start = toZoned(session.startsAt, timeZone);
  const clock = formatMinutes(start.minutes).replace(':', '');
  return [`${start.date}-${clock}`, fileSlug(session.room.slug) || 'room', fileSlug(session.title) || 'session'].join('_');
}

/** A Content-Disposition for a download whose name came from fileSlug/sessionFileStem (ASCII only, no quotes). */
export function attachment(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${safe}"`;
}

const clock = (instant: Date, timeZone: string) => formatMinutes(toZoned(instant, timeZone).minutes);

function notesPending(session: ExportedSession): boolean {
  return session.notes.status !== 'taken';
}

const ATTENDANCE_HIDDEN = "(shown to the track's chairs and the event's organisers)";
const PENDING = 'Snapshot pending: the notes of this session have not been recorded yet.';

/** One session's notes as Markdown: a heading, the facts as a list, the notes written during the session, the chat, the whole pad. */
export function sessionMarkdown(event: ExportEvent, session: ExportedSession): string {
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  const lines = [
    `# ${oneLine(session.title)}`,
    '',
    `- **Event:** ${oneLine(event.name)}`,
    `- **When:** ${sessionWhen(session, event.timeZone)}`,
    `- **Room:** ${oneLine(session.room.name)}`,
    `- **Track:** ${oneLine(session.track.name)}`,
    `- **Chairs:** ${session.chairs.length > 0 ? session.chairs.map(oneLine).join(', ') : '(none named)'}`,
    `- **Attended:** ${session.attendees === null ? ATTENDANCE_HIDDEN : session.attendees.length > 0 ? session.attendees.map(oneLine).join(', ') : '(nobody joined the call)'}`,
  ];
  if (session.notes.status === 'taken' && session.notes.authors.length > 0) {
    lines.push(`- **Written by:** ${session.notes.authors.map((a) => oneLine(a.name)).join(', ')}`);
  }
  lines.push('', '## Notes written during the session', '');
  if (session.notes.status === 'taken') lines.push(session.notes.changeText.trim() || '(nothing was written in the pad during this session)');
  else lines.push(`_${PENDING}_`);
  if (session.chat.length > 0) {
    lines.push('', '## Chat', '');
    for (const line of session.chat) lines.push(`- ${clock(line.sentAt, event.timeZone)} **${oneLine(line.name)}:** ${oneLine(line.body)}`);
  }
  if (session.text !== null) {
    // The whole pad: fenced with more backticks than any run inside it, so it cannot close the block.
    const fence = '`'.repeat(Math.max(3, ...[...session.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    lines.push('', '## The pad at the end of the session', '', `${fence}text`, session.text.replace(/\n+$/, ''), fence);
  }
  return `${lines.join('\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A colour we put in a style attribute: #rgb or #rrggbb only. */
const safeColor = (color: string | null) => (color && /^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$/.test(color) ? color : null);

/** One session's notes as a standalone HTML page (no scripts, everything from people escaped). */
export function sessionHtml(event: ExportEvent, session: ExportedSession): string {
  const e = escapeHtml;
  const fact = (label: string, value: string) => `<dt>${label}</dt><dd>${value}</dd>`;
  const authors =
    session.notes.status === 'taken' && session.notes.authors.length > 0
      ? session.notes.authors
          .map((a) => {
            const color = safeColor(a.color);
            return color ? `<span class="author" style="border-color:${color}">${e(a.name)}</span>` : `<span class="author">${e(a.name)}</span>`;
          })
          .join(', ')
      : null;
  const attended = session.attendees === null ? e(ATTENDANCE_HIDDEN) : session.attendees.length > 0 ? session.attendees.map(e).join(', ') : '(nobody joined the call)';
  const notes =
    session.notes.status === 'taken'
      ? `<pre class="notes">${e(session.notes.changeText.trim() || '(nothing was written in the pad during this session)')}</pre>`
      : `<p><em>${e(PENDING)}</em></p>`;
  const chat =
    session.chat.length > 0
      ? `<h2>Chat</h2><ul>${session.chat.map((line) => `<li>${e(clock(line.sentAt, event.timeZone))} <strong>${e(line.name)}:</strong> ${e(line.body)}</li>`).join('')}</ul>`
      : '';
  const pad = session.text !== null ? `<h2>The pad at the end of the session</h2><pre class="notes">${e(session.text)}</pre>` : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(session.title)} · ${e(event.name)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}dt{font-weight:bold}dd{margin:0 0 .4rem}.notes{white-space:pre-wrap;background:#f6f6f6;padding:1rem}.author{border-bottom:3px solid transparent}</style>',
    '</head><body>',
    `<h1>${e(session.title)}</h1>`,
    '<dl>',
    fact('Event', e(event.name)),
    fact('When', e(sessionWhen(session, event.timeZone))),
    fact('Room', e(session.room.name)),
    fact('Track', e(session.track.name)),
    fact('Chairs', session.chairs.length > 0 ? session.chairs.map(e).join(', ') : '(none named)'),
    fact('Attended', attended),
    authors ? fact('Written by', authors) : '',
    '</dl>',
    '<h2>Notes written during the session</h2>',
    notes,
    chat,
    pad,
    '</body></html>',
    '',
  ].join('\n');
}

/** The index of an event's export: one line per session, linking its two files. */
function eventIndexMarkdown(event: ExportEvent, sessions: ExportedSession[]): string {
  const lines = [`# Notes of ${event.name}`, '', `Times in ${event.timeZone}.`, ''];
  if (sessions.length === 0) lines.push('No session of this event has ended yet.');
  for (const session of sessions) {
    const stem = sessionFileStem(session, event.timeZone);
    const status = notesPending(session) ? ' (snapshot pending)' : '';
    lines.push(`- ${sessionWhen(session, event.timeZone)} · ${session.room.name} · ${session.track.name}: [${session.title}](${stem}.md) ([HTML](${stem}.html))${status}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The whole event's notes: `<event>-notes/README.md`, then `<stem>.md` and `<stem>.html` per session, in one zip. */
export function eventNotesZip(exported: NotesExport, now: Date): { filename: string; bytes: Uint8Array } {
  const folder = `${fileSlug(exported.event.slug, 60) || 'event'}-notes`;
  const mtime = now;
  const files: Zippable = { [`${folder}/README.md`]: [strToU8(eventIndexMarkdown(exported.event, exported.sessions)), { mtime }] };
  for (const session of exported.sessions) {
    const stem = sessionFileStem(session, exported.event.timeZone);
    files[`${folder}/${stem}.md`] = [strToU8(sessionMarkdown(exported.event, session)), { mtime }];
    files[`${folder}/${stem}.html`] = [strToU8(sessionHtml(exported.event, session)), { mtime }];
  }
  return { filename: `${folder}.zip`, bytes: zipSync(files, { level: 6 }) };
}
