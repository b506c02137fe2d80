import { describe, expect, it } from 'vitest';
import { moved } from './order';

describe('moved', () => {
  const ids = ['a', 'b', 'c', 'd'];

  it('moves one up or down and keeps the others in order', () => {
    expect(moved(ids, 2, 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moved(ids, 0, 1)).toEqual(['b', 'a', 'c', 'd']);
    expect(moved(ids, 0, 3)).toEqual(['b', 'c', 'd', 'a']);
    expect(moved(ids, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('stays within the list past either end, and leaves its input alone', () => {
    expect(moved(ids, 0, -1)).toEqual(ids);
    expect(moved(ids, 3, 4)).toEqual(ids);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(moved(ids, 9, 0)).toEqual(ids);
  });
});
