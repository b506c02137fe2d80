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
