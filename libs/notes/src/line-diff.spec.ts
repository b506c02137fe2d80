import { describe, expect, it } from 'vitest';
import { addedLines } from './line-diff';

describe('addedLines', () => {
  it('is the lines appended at the end', () => {
    expect(addedLines('Notes\nold\n', 'Notes\nold\nnew one\nnew two\n')).toBe('new one\nnew two\n');
  });
  it('finds lines inserted in the middle and at the start, in order', () => {
    expect(addedLines('a\nb\nc\n', 'x\na\ny\nb\nc\nz\n')).toBe('x\ny\nz\n');
  });
  it('counts a line changed in place in its new form, and ignores deleted lines', () => {
    expect(addedLines('a\nb\nc\n', 'a\nb, edited\n')).toBe('b, edited\n');
  });
  it('is empty when nothing was added, and everything for an empty start', () => {
    expect(addedLines('a\nb\n', 'a\nb\n')).toBe('');
    expect(addedLines('a\nb\n', 'a\n')).toBe('');
    expect(addedLines('', 'a\nb\n')).toBe('a\nb\n');
  });
  it('keeps repeated lines apart (a second identical line is added)', () => {
    expect(addedLines('- [ ] todo\n', '- [ ] todo\n- [ ] todo\n')).toBe('- [ ] todo\n');
  });
  it('handles texts without a final newline', () => {
    expect(addedLines('a', 'a\nb')).toBe('b\n');
  });
});
