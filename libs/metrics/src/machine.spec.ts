import { describe, expect, it } from 'vitest';
import { busyShare, machineCpuTimes } from './machine';

describe('busyShare', () => {
  it('is the busy part of the CPU time that passed', () => {
    expect(busyShare({ busy: 100, total: 400 }, { busy: 150, total: 600 })).toBe(0.25);
  });

  it('is null when no CPU time passed, and stays within 0-1', () => {
    expect(busyShare({ busy: 1, total: 10 }, { busy: 1, total: 10 })).toBeNull();
    expect(busyShare({ busy: 0, total: 0 }, { busy: 20, total: 10 })).toBe(1);
  });

  it('reads this machine: busy never above total', () => {
    const times = machineCpuTimes();
    expect(times.total).toBeGreaterThan(0);
    expect(times.busy).toBeLessThanOrEqual(times.total);
  });
});
