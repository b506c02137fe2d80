import { cpus, loadavg } from 'node:os';

/** What the machine looks like now: its cores, load averages, and the busy share of all its CPU since the previous reading. */
export interface MachineReading {
  cores: number;
  load1: number;
  load5: number;
  load15: number;
  /** Busy share of all cores (0-1) since the previous `read()`, or since the reader was made. */
  cpu: number;
}

export interface CpuTimes {
  busy: number;
  total: number;
}

/** The machine's CPU times summed over its cores (ms since boot): busy is everything but idle. */
export function machineCpuTimes(cores: ReturnType<typeof cpus> = cpus()): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cores) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** Busy share between two readings of `machineCpuTimes`, 0-1 (0 when no time passed). */
export function busyShare(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (!(total > 0)) return 0;
  return Math.min(1, Math.max(0, (after.busy - before.busy) / total));
}

/**
 * Reads the machine's CPU as the operators' figures need it: each `read()` answers the busy share since
 * the previous one (the SFU's stats sampler every 5 s, the admin page's poll), with the cores and load.
 * Node-only (node:os), no metrics library: the web app's admin route imports it as `@padmeet/metrics/machine`.
 */
export function createMachineReader(source: { times?: () => CpuTimes; cores?: () => number; load?: () => number[] } = {}) {
  const times = source.times ?? (() => machineCpuTimes());
  const cores = source.cores ?? (() => cpus().length);
  const load = source.load ?? loadavg;
  let last = times();
  return {
    read(): MachineReading {
      const now = times();
      const cpu = busyShare(last, now);
      last = now;
      const [load1 = 0, load5 = 0, load15 = 0] = load();
      return { cores: cores(), load1, load5, load15, cpu };
    },
  };
}
