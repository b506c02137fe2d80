import 'server-only';
import { cpus, loadavg } from 'node:os';
import { busyShare, machineCpuTimes, type CpuTimes } from '@padmeet/metrics';

let last: CpuTimes | undefined;

/** This machine's cores, 1-minute load and busy CPU share since the previous call (null on the first). */
export function machineFigures(): { cores: number; load1: number; cpu: number | null } {
  const now = machineCpuTimes();
  const cpu = last ? busyShare(last, now) : null;
  last = now;
  return { cores: cpus().length, load1: loadavg()[0] ?? 0, cpu };
}
