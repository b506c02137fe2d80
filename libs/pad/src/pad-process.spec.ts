import { describe, expect, it } from 'vitest';
import { padProcessIndex } from './pad-process';

const padIds = Array.from({ length: 2000 }, (_, i) => `g.AbCdEfGh12345678$room-${i}`);

describe('padProcessIndex', () => {
  it('gives every pad one process, the same every time', () => {
    for (const id of padIds.slice(0, 50)) {
      const index = padProcessIndex(id, 3);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(3);
      expect(padProcessIndex(id, 3)).toBe(index);
    }
    expect(padProcessIndex('anything', 1)).toBe(0);
  });

  it('spreads pads about evenly', () => {
    const counts = [0, 0, 0, 0];
    for (const id of padIds) counts[padProcessIndex(id, 4)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(400); // 500 each on average
  });

  it('moves only the pads the new process takes when one is added', () => {
    const moved = padIds.filter((id) => padProcessIndex(id, 4) !== padProcessIndex(id, 5));
    expect(moved.every((id) => padProcessIndex(id, 5) === 4)).toBe(true);
    expect(moved.length).toBeLessThan(padIds.length / 3); // ~1/5 expected; hash % n would move ~4/5
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => padProcessIndex('x', 0)).toThrow(RangeError);
    expect(() => padProcessIndex('x', 1.5)).toThrow(RangeError);
  });
});
