import { cpus } from 'node:os';

/** The machine's cumulative CPU time (ms, all cores): busy and total. */
export interface CpuTimes {
  busy: number;
  total: number;
}

export function machineCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** The busy share of the machine's CPU (0-1) between two readings; null when no CPU time passed. */
export function busyShare(before: CpuTimes, after: CpuTimes): number | null {
  const total = after.total - before.total;
  if (!(total > 0)) return null;
  return Math.min(1, Math.max(0, (after.busy - before.busy) / total));
}
