import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportedSession, NotesExport } from '@padmeet/contract';
import { attachment, eventNotesZip, fileSlug, HIT_END, HIT_START, sessionFileStem, sessionHtml, sessionMarkdown, sessionWhen, snippetSegments } from './notes-export';

const event: NotesExport['event'] = { slug: 'ptg-2026', name: 'PTG <2026>', timeZone: 'Europe/Berlin', published: true };

function session(overrides: Partial<ExportedSession> = {}): ExportedSession {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    title: 'Zuul: release <planning>',
    startsAt: new Date('2026-12-01T09:00:00Z'),
    endsAt: new Date('2026-12-01T10:00:00Z'),
    room: { slug: 'zuul-room', name: 'Zuul room' },
    track: { slug: 'zuul', name: 'Zuul', color: '#2f6f4f' },
    chairs: ['Clark Chair'],
    notes: { status: 'taken', takenAt: new Date('2026-12-01T10:00:05Z'), changeText: '- agreed: ship v5 <script>alert(1)</script>\n', authors: [{ name: 'Ada', color: '#1f6fb2' }, { name: 'Bob"><b>', color: 'red;x' }] },
    text: 'Welcome\n- agreed: ship v5 <script>alert(1)</script>\n```inner fence```\n',
    chat: [{ name: 'Eve', body: 'see <a href=x>this</a>', sentAt: new Date('2026-12-01T09:05:00Z') }],
    attendees: ['Ada', 'Bob'],
    ...overrides,
  };
}

describe('snippetSegments', () => {
  it('splits ts_headline output at the markers into plain text and hits', () => {
    expect(snippetSegments(`we ${HIT_START}ship${HIT_END} v5 and ${HIT_START}shipping${HIT_END} notes`)).toEqual([
      { text: 'we ', hit: false },
      { text: 'ship', hit: true },
      { text: ' v5 and ', hit: false },
      { text: 'shipping', hit: true },
      { text: ' notes', hit: false },
    ]);
  });
  it('keeps HTML in the text as text (rendering escapes it) and tolerates unbalanced markers', () => {
    expect(snippetSegments(`<b>x</b> ${HIT_START}y`)).toEqual([
      { text: '<b>x</b> ', hit: false },
      { text: 'y', hit: true },
    ]);
    expect(snippetSegments(`a${HIT_END}b`)).toEqual([{ text: 'ab', hit: false }]);
    expect(snippetSegments('')).toEqual([]);
  });
});

describe('file names', () => {
  it('are ASCII letters, digits and dashes only', () => {
    expect(fileSlug('Zuul: release <planning> / ../../etc')).toBe('zuul-release-planning-etc');
    expect(fileSlug('Café Übersicht')).toBe('cafe-ubersicht');
    expect(fileSlug('日本語')).toBe('');
    expect(sessionFileStem(session(), 'Europe/Berlin')).toBe('2026-12-01-1000_zuul-room_zuul-release-planning');
    expect(sessionFileStem(session({ title: '???' }), 'UTC')).toBe('2026-12-01-0900_zuul-room_session');
    expect(attachment('a"b\r\n.zip')).toBe('attachment; filename="a_b__.zip"');
  });
  it('says when in the event zone, with the end day when it differs', () => {
    expect(sessionWhen(session(), 'Europe/Berlin')).toBe('2026-12-01 10:00–11:00 (Europe/Berlin)');
    expect(sessionWhen(session({ endsAt: new Date('2026-12-01T23:30:00Z') }), 'Europe/Berlin')).toBe('2026-12-01 10:00–2026-12-02 00:30 (Europe/Berlin)');
  });
});

describe('sessionMarkdown', () => {
  it('has the title, time, room, track, chairs, attendees, authors, the notes, the chat and the whole pad', () => {
    const md = sessionMarkdown(event, session());
    expect(md).toContain('# Zuul: release <planning>\n');
    expect(md).toContain('- **When:** 2026-12-01 10:00–11:00 (Europe/Berlin)');
    expect(md).toContain('- **Room:** Zuul room');
    expect(md).toContain('- **Track:** Zuul');
    expect(md).toContain('- **Chairs:** Clark Chair');
    expect(md).toContain('- **Attended:** Ada, Bob');
    expect(md).toContain('- **Written by:** Ada, Bob"><b>');
    expect(md).toContain('## Notes written during the session\n\n- agreed: ship v5');
    expect(md).toContain('- 10:05 **Eve:** see <a href=x>this</a>');
    // The pad's own ``` cannot close the fence around it.
    expect(md).toContain('````text\nWelcome');
  });
  it('says when the snapshot is pending and when attendance is not for this reader', () => {
    const md = sessionMarkdown(event, session({ notes: { status: 'pending' }, text: null, attendees: null, chat: [] }));
    expect(md).toContain('Snapshot pending');
    expect(md).toContain("- **Attended:** (shown to the track's chairs and the event's organisers)");
    expect(md).not.toContain('## Chat');
    expect(md).not.toContain('The pad at the end');
  });
});

describe('sessionHtml', () => {
  it('escapes everything people wrote and keeps only hex colours', () => {
    const html = sessionHtml(event, session());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<a href=x>');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>Zuul: release &lt;planning&gt; · PTG &lt;2026&gt;</title>');
    expect(html).toContain('style="border-color:#1f6fb2"');
    expect(html).not.toContain('red;x');
    expect(html).toContain('<dt>Attended</dt><dd>Ada, Bob</dd>');
  });
});

describe('eventNotesZip', () => {
  it('holds an index and each session as Markdown and HTML under one folder', () => {
    const other = session({ id: '00000000-0000-4000-8000-000000000002', title: 'Nova', startsAt: new Date('2026-12-01T11:00:00Z'), endsAt: new Date('2026-12-01T12:00:00Z'), notes: { status: 'pending' }, text: null });
    const { filename, bytes } = eventNotesZip({ event, sessions: [session(), other] }, new Date('2026-12-02T00:00:00Z'));
    expect(filename).toBe('ptg-2026-notes.zip');
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      'ptg-2026-notes/2026-12-01-1000_zuul-room_zuul-release-planning.html',
      'ptg-2026-notes/2026-12-01-1000_zuul-room_zuul-release-planning.md',
      'ptg-2026-notes/2026-12-01-1200_zuul-room_nova.html',
      'ptg-2026-notes/2026-12-01-1200_zuul-room_nova.md',
      'ptg-2026-notes/README.md',
    ]);
    const index = strFromU8(files['ptg-2026-notes/README.md']!);
    expect(index).toContain('[Zuul: release <planning>](2026-12-01-1000_zuul-room_zuul-release-planning.md)');
    expect(index).toContain('[Nova](2026-12-01-1200_zuul-room_nova.md) ([HTML](2026-12-01-1200_zuul-room_nova.html)) (snapshot pending)');
    expect(strFromU8(files['ptg-2026-notes/2026-12-01-1000_zuul-room_zuul-release-planning.md']!)).toBe(sessionMarkdown(event, session()));
  });
});
