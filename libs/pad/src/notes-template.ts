export interface NotesTemplateInput {
  /** The room's display name, e.g. "Zuul v5 planning". */
  roomName: string;
  /** Where people join the room, printed under the title when given. */
  roomUrl?: string;
  /** Event the room belongs to, e.g. "OpenInfra PTG 2026". */
  eventName?: string;
}

const MAX_NAME_LENGTH = 200;

/** One line of plain text: no control characters or line breaks, trimmed, bounded. */
function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
}

/**
 * The text a room's pad starts with: a PTG-style notes skeleton (attendees, agenda, notes,
 * decisions, action items) titled with the room's name. Plain text, as Etherpad's createPad
 * takes it; lines end with "\n".
 */
export function buildInitialPadText(input: NotesTemplateInput): string {
  const roomName = oneLine(input.roomName) || 'Untitled room';
  const eventName = input.eventName ? oneLine(input.eventName) : '';
  const roomUrl = input.roomUrl ? oneLine(input.roomUrl) : '';
  const title = eventName ? `${roomName} (${eventName})` : roomName;
  const lines = [
    `${title}: meeting notes`,
    ...(roomUrl ? [`Video room: ${roomUrl}`] : []),
    '',
    'Attendees (name, affiliation, chat nick):',
    '- ',
    '',
    'Agenda (add topics with your name; the chair reorders):',
    '1. ',
    '',
    'Notes:',
    '- ',
    '',
    'Decisions:',
    '- ',
    '',
    'Action items (who: what, by when):',
    '- ',
    '',
  ];
  return lines.join('\n');
}

export interface SessionSectionInput {
  title: string;
  /** The track (team) the session belongs to. */
  trackName: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the times are written in (the event's own zone). */
  timeZone: string;
  chairNames: readonly string[];
  /** The session's agenda as its chair wrote it (Markdown, kept as plain text). */
  agenda: string | null;
}

const MAX_AGENDA_LENGTH = 20_000;

function formatTime(date: Date, timeZone: string, withDate: boolean): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    ...(withDate ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/**
 * The section padmeet appends to a room's pad when a session starts there: a heading with the
 * session's title, time and chairs, then its agenda from the schedule. Plain text (what
 * Etherpad's appendText takes), starting on a new line, ending with "\n".
 */
export function buildSessionSection(input: SessionSectionInput): string {
  const title = oneLine(input.title) || 'Untitled session';
  const track = oneLine(input.trackName);
  const when = `${formatTime(input.startsAt, input.timeZone, true)}–${formatTime(input.endsAt, input.timeZone, false)} (${input.timeZone})`;
  const chairs = input.chairNames.map(oneLine).filter(Boolean);
  const agenda = (input.agenda ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .trim()
    .slice(0, MAX_AGENDA_LENGTH);
  const lines = [
    '',
    `== ${title}${track ? ` [${track}]` : ''} ==`,
    `When: ${when}`,
    `Chairs: ${chairs.length > 0 ? chairs.join(', ') : '(none named)'}`,
    '',
    'Agenda:',
    ...(agenda ? agenda.split('\n') : ['(no agenda in the schedule)']),
    '',
    'Notes:',
    '- ',
    '',
  ];
  return lines.join('\n');
}
