import { describe, expect, it } from 'vitest';
import { applyToText, follow, makeSplice, pack, unpack } from './changeset';

describe('changeset wire format', () => {
  it('reads and writes ops, lines and the char bank', () => {
    const cs = 'Z:8>1|1=4=3*0+1$x';
    expect(unpack(cs)).toEqual({
      oldLen: 8,
      newLen: 9,
      charBank: 'x',
      ops: [
        { opcode: '=', chars: 4, lines: 1, attribs: '' },
        { opcode: '=', chars: 3, lines: 0, attribs: '' },
        { opcode: '+', chars: 1, lines: 0, attribs: '*0' },
      ],
    });
    expect(pack(unpack(cs))).toBe(cs);
    expect(pack(unpack('Z:z<a*1*2|2-k$'))).toBe('Z:z<a*1*2|2-k$');
    expect(() => unpack('hello')).toThrow(/Not a changeset/);
    expect(() => unpack('Z:1>1+1!$')).toThrow(/Bad op/);
  });
});

describe('makeSplice (canonical, as Etherpad checkRep wants)', () => {
  it('appends before the final newline with the author attribute', () => {
    expect(makeSplice('abc\ndef\n', 7, 0, 'x', '*0')).toBe('Z:8>1|1=4=3*0+1$x');
    expect(makeSplice('\n', 0, 0, 'x', '*0')).toBe('Z:1>1*0+1$x');
  });

  it('splits inserted and deleted text at its last newline, deletions first', () => {
    expect(makeSplice('x\n', 1, 0, 'a\nb', '*0')).toBe('Z:2>3=1*0|1+2*0+1$a\nb');
    expect(makeSplice('abc\ndef\n', 2, 3, '')).toBe('Z:8<3=2|1-2-1$');
    expect(makeSplice('abc\n', 1, 1, 'XY', '*0')).toBe('Z:4>1=1-1*0+2$XY');
    expect(makeSplice('abc\n', 1, 0, '')).toBe('Z:4>0$');
    expect(() => makeSplice('abc\n', 3, 2, '')).toThrow(RangeError);
  });

  it('applies to text', () => {
    expect(applyToText(makeSplice('abc\ndef\n', 7, 0, 'x', '*0'), 'abc\ndef\n')).toBe('abc\ndefx\n');
    expect(applyToText('Z:8<3=2|1-2-1$', 'abc\ndef\n')).toBe('abef\n');
    expect(() => applyToText('Z:8<3=2|1-2-1$', 'abc\n')).toThrow(/length 8/);
  });
});

describe('follow (rebase as the Etherpad server does)', () => {
  const base = 'ab\n';
  const theirs = makeSplice(base, 2, 0, 'X', '*0');
  const mine = makeSplice(base, 2, 0, 'Y', '*0');

  it('puts the other insertion first at the same position, unless asked otherwise', () => {
    expect(applyToText(follow(theirs, mine), applyToText(theirs, base))).toBe('abXY\n');
    expect(applyToText(follow(theirs, mine, true), applyToText(theirs, base))).toBe('abYX\n');
  });

  it('inserts text not starting with a newline first', () => {
    const line = makeSplice(base, 2, 0, '\nnew', '*0');
    expect(applyToText(follow(line, mine), applyToText(line, base))).toBe('abY\nnew\n');
  });

  it('drops what the other side deleted', () => {
    const text = 'hello world\n';
    const del = makeSplice(text, 2, 6, '');
    const edit = makeSplice(text, 4, 3, 'ZZ', '*0');
    expect(applyToText(follow(del, edit), applyToText(del, text))).toBe('heZZrld\n');
  });

  it('converges: both orders give the same text (random edits)', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const randomEdit = (text: string) => {
      const start = random(text.length);
      const deleteCount = random(Math.min(4, text.length - start));
      const insert = ['', 'a', 'bc', '\n', 'd\ne', '\nf'][random(6)]!;
      return makeSplice(text, start, deleteCount, insert, '*0');
    };
    for (let i = 0; i < 500; i += 1) {
      const text = `${'lorem\nipsum dolor\n\nsit'.slice(0, random(22))}\n`;
      const a = randomEdit(text);
      const b = randomEdit(text);
      const viaA = applyToText(follow(a, b), applyToText(a, text));
      const viaB = applyToText(follow(b, a, true), applyToText(b, text));
      expect(viaA).toBe(viaB);
    }
  });
});
