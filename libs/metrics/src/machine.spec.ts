import { describe, expect, it } from 'vitest';
import { busyShare, createMachineReader, machineCpuTimes } from './machine';

const core = (user: number, idle: number) => ({ model: 'x', speed: 1, times: { user, nice: 0, sys: 0, idle, irq: 0 } });

describe('machine CPU', () => {
  it('sums busy and total time over the cores', () => {
    expect(machineCpuTimes([core(30, 70), core(10, 90)])).toEqual({ busy: 40, total: 200 });
  });

  it('answers the busy share between readings, clamped, and 0 when no time passed', () => {
    expect(busyShare({ busy: 40, total: 200 }, { busy: 140, total: 400 })).toBe(0.5);
    expect(busyShare({ busy: 40, total: 200 }, { busy: 40, total: 200 })).toBe(0);
    expect(busyShare({ busy: 0, total: 0 }, { busy: 50, total: 10 })).toBe(1);
  });

  it('reads the share since the previous read, with cores and load', () => {
    const readings = [
      { busy: 0, total: 0 },
      { busy: 25, total: 100 },
      { busy: 125, total: 200 },
    ];
    const reader = createMachineReader({ times: () => readings.shift()!, cores: () => 2, load: () => [1.5, 1, 0.5] });
    expect(reader.read()).toEqual({ cores: 2, load1: 1.5, load5: 1, load15: 0.5, cpu: 0.25 });
    expect(reader.read().cpu).toBe(1);
  });
});
