import 'server-only';
import { createMachineReader } from '@padmeet/metrics/machine';

// One reader per web process: each poll of /admin/stats reads the share since the previous poll.
let reader: ReturnType<typeof createMachineReader> | undefined;

/** This machine's cores, 1-minute load and busy CPU share since the previous call (null on the first). */
export function machineFigures(): { cores: number; load1: number; cpu: number | null } {
  const first = reader === undefined;
  reader ??= createMachineReader();
  const { cores, load1, cpu } = reader.read();
  return { cores, load1, cpu: first ? null : cpu };
}
