import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Working directory (default: the current one). */
  cwd?: string;
  /** Port the service listens on: checked free before start, polled for readiness. */
  port: number;
  /** URL answering 2xx once the service is ready. */
  readyUrl: string;
  readyTimeoutMs: number;
  /** Open a Node IPC channel to the service (it must be Node, directly or through `exec`). */
  ipc?: boolean;
  /** What the service sends over its IPC channel, with any socket it hands over. */
  onMessage?: (message: unknown, handle: unknown) => void;
}

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  tail: string[];
  exited: boolean;
}

const colors = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts services as process groups, prefixes their output, waits until each is
 * ready, and stops them all (SIGTERM, then SIGKILL after a grace period) on
 * Ctrl-C or when one of them dies. Process-group ids are recorded in `pidDir`,
 * so leftovers of a previous run that was killed hard are stopped at the next start.
 */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(private readonly pidDir: string, private readonly quiet = false) {
    mkdirSync(pidDir, { recursive: true });
  }

  async start(spec: ServiceSpec): Promise<void> {
    await this.clearLeftover(spec);
    if (await portOpen(spec.port)) {
      throw new Error(`port ${spec.port} (${spec.name}) is already in use by another program -> stop it, or run with other ports`);
    }
    const color = colors[this.running.length % colors.length] ?? '';
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: spec.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const entry: Running = { spec, child, tail: [], exited: false };
    if (spec.onMessage) child.on('message', spec.onMessage);
    // A send to a service that just died fails; the caller's callback hears of it, this must not throw.
    child.on('error', (error) => {
      process.stderr.write(`padmeet: ${spec.name}: ${error.message}\n`);
      if (child.pid === undefined) entry.exited = true;
    });
    this.running.push(entry);
    if (child.pid) writeFileSync(join(this.pidDir, `${spec.name}.pid`), String(child.pid));
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        entry.tail.push(line);
        if (entry.tail.length > 30) entry.tail.shift();
        if (!this.quiet) process.stdout.write(`${color}[${spec.name}]\x1b[0m ${line}\n`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => {
      entry.exited = true;
      rmSync(join(this.pidDir, `${spec.name}.pid`), { force: true });
      if (!this.stopping) {
        process.stderr.write(`padmeet: ${spec.name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest\n`);
        if (this.quiet) process.stderr.write(entry.tail.map((l) => `  [${spec.name}] ${l}`).join('\n') + '\n');
        void this.stopAll().then(() => process.exit(1));
      }
    });
    await this.waitReady(entry);
  }

  /** The running service of that name with its IPC channel open, if any. */
  channel(name: string): ChildProcess | undefined {
    const entry = this.running.find((candidate) => candidate.spec.name === name && !candidate.exited);
    return entry?.child.connected ? entry.child : undefined;
  }

  private async waitReady(entry: Running): Promise<void> {
    const deadline = Date.now() + entry.spec.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (entry.exited) throw new Error(`${entry.spec.name} exited during start-up:\n${entry.tail.join('\n')}`);
      try {
        const res = await fetch(entry.spec.readyUrl, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${entry.spec.name} did not answer ${entry.spec.readyUrl} within ${entry.spec.readyTimeoutMs / 1000} s:\n${entry.tail.join('\n')}`);
  }

  private async clearLeftover(spec: ServiceSpec): Promise<void> {
    const file = join(this.pidDir, `${spec.name}.pid`);
    if (!existsSync(file)) return;
    const pid = Number(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
    if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return;
    process.stderr.write(`padmeet: stopping ${spec.name} left over from a previous run (pid ${pid})\n`);
    await this.killGroup(pid, () => !alive(pid));
  }

  private async killGroup(pid: number, gone: () => boolean): Promise<void> {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 40 && !gone(); i++) await sleep(250);
    if (!gone()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  async stopAll(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const entry of [...this.running].reverse()) {
      if (entry.exited || !entry.child.pid) continue;
      await this.killGroup(entry.child.pid, () => entry.exited);
    }
  }
}
