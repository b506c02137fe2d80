import { describe, expect, it } from 'vitest';
import { buildInitialPadText } from './notes-template';

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
