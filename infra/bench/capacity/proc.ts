/** CPU time and memory of processes from /proc (Linux), and pinning them to cores with taskset. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

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

/** The cores of a taskset CPU list ("1", "0,1", "0-3"). */
export function coreList(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) throw new Error(`not a CPU list: ${list}`);
    const first = Number(match[1]);
    const last = Number(match[2] ?? match[1]);
    if (last < first) throw new Error(`not a CPU list: ${list}`);
    return Array.from({ length: last - first + 1 }, (_, index) => first + index);
  });
}

/**
 * Seconds the given cores spent serving softirqs (/proc/stat), summed. On loopback a UDP send runs
 * the receiving side (IP and UDP input, the receiver's socket queue and wake-up) as a softirq on the
 * sender's core, in the sender's time slice.
 */
export function softirqSeconds(cores: number[]): number {
  const wanted = new Set(cores.map((core) => `cpu${core}`));
  let ticks = 0;
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const fields = line.split(/\s+/);
    if (fields[0] && wanted.has(fields[0])) ticks += Number(fields[7]) || 0;
  }
  return ticks / TICKS_PER_SECOND;
}

/** The kernel's per-core softirq threads (`ksoftirqd/N`) of the given cores. */
export function ksoftirqdPids(cores: number[]): number[] {
  const wanted = new Set(cores.map((core) => `ksoftirqd/${core}`));
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return wanted.has(readFileSync(`/proc/${entry}/comm`, 'utf8').trim());
      } catch {
        return false; // gone since the listing
      }
    })
    .map(Number);
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

/**
 * The softirq time on a set of cores over a window that their processes were charged for: all of it
 * (/proc/stat) less what the cores' `ksoftirqd` threads ran themselves. Linux here counts time by the
 * tick, without IRQ time accounting, so a softirq run in a process's slice is in that process's CPU
 * time. Meant for cores that one process has to itself (the pinned SFU worker). Where `/proc` does not
 * show the kernel's threads (a container's PID namespace), nothing is taken off: an upper bound.
 */
export class SoftirqWindow {
  readonly #ksoftirqd: CpuWindow;
  readonly #start: number;
  readonly #startedAt = performance.now();
  constructor(readonly cores: number[]) {
    this.#ksoftirqd = new CpuWindow(ksoftirqdPids(cores));
    this.#start = softirqSeconds(cores);
  }
  /** Share of one core since the window opened. */
  share(): number {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    const threads = [...this.#ksoftirqd.shares().values()].reduce((sum, value) => sum + value, 0);
    return Math.max(0, (softirqSeconds(this.cores) - this.#start) / seconds - threads);
  }
}
