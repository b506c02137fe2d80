import { describe, expect, it } from 'vitest';
import { buildInitialPadText, buildSessionSection } from './notes-template';

describe('buildInitialPadText', () => {
  it('titles the notes with the room and event and lists the PTG sections', () => {
    const text = buildInitialPadText({
      roomName: 'Zuul v5 planning',
      eventName: 'OpenInfra PTG',
      roomUrl: 'https://meet.example.org/r/zuul-v5-planning',
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Zuul v5 planning (OpenInfra PTG): meeting notes');
    expect(lines[1]).toBe('Video room: https://meet.example.org/r/zuul-v5-planning');
    for (const heading of ['Attendees', 'Agenda', 'Notes:', 'Decisions:', 'Action items']) {
      expect(lines.some((line) => line.startsWith(heading))).toBe(true);
    }
    expect(text.endsWith('\n')).toBe(true);
  });

  it('omits optional lines and keeps a hostile name on one bounded line', () => {
    const text = buildInitialPadText({ roomName: '  Evil\nname\r\twith\u0000controls ' + 'x'.repeat(500) });
    const [title, second] = text.split('\n');
    expect(title).toMatch(/^Evil name with controls x+: meeting notes$/);
    expect(title!.length).toBeLessThanOrEqual(200 + ': meeting notes'.length);
    expect(second).toBe('');
    expect(text).not.toContain('Video room');
  });

  it('falls back to a placeholder for a blank name', () => {
    expect(buildInitialPadText({ roomName: ' \n ' }).split('\n')[0]).toBe('Untitled room: meeting notes');
  });
});

describe('buildSessionSection', () => {
  const input = {
    title: 'Zuul v5:\nthe road to 1.0',
    trackName: 'Zuul',
    startsAt: new Date('2026-12-01T14:00:00Z'),
    endsAt: new Date('2026-12-01T15:30:00Z'),
    timeZone: 'Europe/Berlin',
    chairNames: ['Clark', ' James '],
    agenda: '1. Release plan\r\n2. Nodepool\u0007',
  };

  it("writes the session's heading, time in the event's zone, chairs and agenda, on lines of its own", () => {
    expect(buildSessionSection(input).split('\n')).toEqual([
      '',
      '== Zuul v5: the road to 1.0 [Zuul] ==',
      'When: Tue, 1 Dec 2026, 15:00–16:30 (Europe/Berlin)',
      'Chairs: Clark, James',
      '',
      'Agenda:',
      '1. Release plan',
      '2. Nodepool',
      '',
      'Notes:',
      '- ',
      '',
    ]);
  });

  it('says so when there is no agenda or chair', () => {
    const text = buildSessionSection({ ...input, agenda: '  ', chairNames: [] });
    expect(text).toContain('(no agenda in the schedule)');
    expect(text).toContain('Chairs: (none named)');
  });
});
