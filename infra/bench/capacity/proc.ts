/** CPU time and memory of processes from /proc (Linux), and pinning them to cores with taskset. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User + system CPU seconds the process has used (all its threads). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory in MiB. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Pins every thread of `pid` to the given cores (e.g. "1" or "0,1"). */
export function pin(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

/** Datagrams the kernel dropped for full receive buffers, per local UDP port on 127.0.0.1 (/proc/net/udp). */
export function udpDrops(ports: number[]): number {
  const wanted = new Set(ports.map((port) => `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`));
  let drops = 0;
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] && wanted.has(fields[1])) drops += Number(fields[fields.length - 1]) || 0;
  }
  return drops;
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** CPU use of a set of processes over a window, as a share of one core each. */
export class CpuWindow {
  readonly #start: Map<number, number>;
  readonly #startedAt = performance.now();
  constructor(readonly pids: number[]) {
    this.#start = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  }
  /** Per pid: share of one core (1 = a full core) since the window opened. */
  shares(): Map<number, number> {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    return new Map(this.pids.map((pid) => [pid, (cpuSeconds(pid) - (this.#start.get(pid) ?? 0)) / seconds]));
  }
}
