import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreList, ksoftirqdPids, softirqSeconds } from './proc';

describe('coreList', () => {
  it('reads taskset CPU lists: single cores, lists and ranges', () => {
    expect(coreList('1')).toEqual([1]);
    expect(coreList('0,1')).toEqual([0, 1]);
    expect(coreList('0-3')).toEqual([0, 1, 2, 3]);
    expect(coreList('0,2-3')).toEqual([0, 2, 3]);
  });

  it('refuses what is not a CPU list', () => {
    expect(() => coreList('')).toThrow(/not a CPU list/);
    expect(() => coreList('cpu1')).toThrow(/not a CPU list/);
    expect(() => coreList('3-1')).toThrow(/not a CPU list/);
  });
});

describe('softirq accounting from /proc', () => {
  it('reads a core’s softirq time, which never goes back', () => {
    const first = softirqSeconds([0]);
    expect(Number.isFinite(first)).toBe(true);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(softirqSeconds([0])).toBeGreaterThanOrEqual(first);
    expect(softirqSeconds([])).toBe(0);
  });

  it('finds the softirq thread of core 0 and nothing else (none where /proc belongs to a container)', () => {
    const pids = ksoftirqdPids([0]);
    expect(pids.length).toBeLessThanOrEqual(1);
    for (const pid of pids) expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('ksoftirqd/0');
    expect(ksoftirqdPids([])).toEqual([]);
  });
});
