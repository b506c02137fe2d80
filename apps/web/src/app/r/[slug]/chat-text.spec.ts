import { describe, expect, it } from 'vitest';
import { splitLinks } from './chat-text';

describe('chat text: links', () => {
  it('keeps plain text as one text piece, HTML included (it is shown as text)', () => {
    expect(splitLinks('hello <b>world</b> & <script>alert(1)</script>')).toEqual([{ kind: 'text', text: 'hello <b>world</b> & <script>alert(1)</script>' }]);
  });

  it('makes http and https addresses links, with the text around them', () => {
    expect(splitLinks('see https://review.opendev.org/c/123 and http://example.org/a?b=1#c now')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://review.opendev.org/c/123', href: 'https://review.opendev.org/c/123' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://example.org/a?b=1#c', href: 'http://example.org/a?b=1#c' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('leaves sentence punctuation after an address out of the link', () => {
    expect(splitLinks('read https://example.org/a.')).toEqual([
      { kind: 'text', text: 'read ' },
      { kind: 'link', text: 'https://example.org/a', href: 'https://example.org/a' },
      { kind: 'text', text: '.' },
    ]);
    expect(splitLinks('(https://example.org/x)')).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'https://example.org/x', href: 'https://example.org/x' },
      { kind: 'text', text: ')' },
    ]);
    expect(splitLinks('https://en.wikipedia.org/wiki/Foo_(bar)')).toEqual([
      { kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
    ]);
  });

  it('never links other schemes or relative addresses', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'ftp://example.org/f', '/r/other-room', 'www.example.org']) {
      expect(splitLinks(text).filter((piece) => piece.kind === 'link')).toEqual([]);
    }
    // Only the http(s) address inside becomes a link; the script scheme before it stays text.
    expect(splitLinks('JaVaScRiPt:alert(1)//https://x.org')).toEqual([
      { kind: 'text', text: 'JaVaScRiPt:alert(1)//' },
      { kind: 'link', text: 'https://x.org', href: 'https://x.org/' },
    ]);
  });

  it('does not link an address the URL parser refuses, and keeps its text', () => {
    expect(splitLinks('bad http://[::1 here')).toEqual([{ kind: 'text', text: 'bad http://[::1 here' }]);
  });

  it('cuts a link at quotes and angle brackets, which cannot end up in its href', () => {
    const pieces = splitLinks('"https://example.org/a"onmouseover="x" <https://example.org/b>');
    const links = pieces.filter((piece) => piece.kind === 'link');
    expect(links.map((link) => link.href)).toEqual(['https://example.org/a', 'https://example.org/b']);
    expect(pieces.map((piece) => piece.text).join('')).toBe('"https://example.org/a"onmouseover="x" <https://example.org/b>');
  });
});
