import { describe, expect, it } from 'vitest';
import { chartTop, linePath } from './chart-path';

describe('chartTop', () => {
  it('rounds a little above the largest value to a readable step', () => {
    expect(chartTop([0.3, 0.42])).toBe(1);
    expect(chartTop([0.3, 0.42], 0.1)).toBe(0.5);
    expect(chartTop([7])).toBe(10);
    expect(chartTop([12, 3])).toBe(20);
    expect(chartTop([220])).toBe(250);
    expect(chartTop([null, Number.NaN])).toBe(1);
  });
});

describe('linePath', () => {
  const box = { width: 100, height: 50, top: 10, slots: 5 };

  it('puts the newest value at the right edge and scales y from the bottom', () => {
    expect(linePath([0, 5, 10], box)).toBe('M50.0 50.0 L75.0 25.0 L100.0 0.0');
  });

  it('breaks the line at missing values and clamps out-of-range ones', () => {
    expect(linePath([20, null, -3, 5, 5], box)).toBe('M0.0 0.0 M50.0 50.0 L75.0 25.0 L100.0 25.0');
  });

  it('draws nothing without values', () => {
    expect(linePath([], box)).toBe('');
    expect(linePath([null], box)).toBe('');
  });
});
