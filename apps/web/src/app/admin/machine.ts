import 'server-only';
import { cpus, loadavg } from 'node:os';

let last: { busy: number; total: number } | undefined;

function cpuTimes() {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** This machine's cores, 1-minute load and busy CPU share since the previous call (null on the first). */
export function machineFigures(): { cores: number; load1: number; cpu: number | null } {
  const now = cpuTimes();
  const cpu = last && now.total > last.total ? Math.min(1, Math.max(0, (now.busy - last.busy) / (now.total - last.total))) : null;
  last = now;
  return { cores: cpus().length, load1: loadavg()[0] ?? 0, cpu };
}
