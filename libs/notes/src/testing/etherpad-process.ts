import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getDb } from '@padmeet/data';

// Integration tests only: an Etherpad process of the tests' own (as padmeet installs and runs it,
// infra/scripts/etherpad.sh, on a fresh PostgreSQL database), which a test may stop and start
// again without touching the test stack's.
const etherpadSh = resolve(import.meta.dirname, '../../../../infra/scripts/etherpad.sh');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Polls `check` until it holds; fails naming `what` (and the last error) after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | false | null | undefined> | T | false | null | undefined, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      last = `: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last}`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

export class EtherpadProcess {
  #child: ChildProcess | undefined;
  #exit: Promise<void> = Promise.resolve();
  #exited = true;
  readonly log: string[] = [];

  private constructor(
    readonly port: number,
    readonly stateDir: string,
    readonly databaseUrl: string,
    readonly database: string,
    readonly adminUrl: string,
  ) {}

  /** A fresh database (DATABASE_URL's role may CREATE DATABASE) and state directory, on a free port. */
  static async create(serverUrl: string, label: string): Promise<EtherpadProcess> {
    const name = `padmeet_etherpad_it_${label}_${Date.now().toString(36)}_${process.pid}`;
    await getDb(serverUrl).$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return new EtherpadProcess(await freePort(), mkdtempSync(join(tmpdir(), 'padmeet-notes-etherpad-')), url.href, name, serverUrl);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get apiKey(): string {
    return readFileSync(join(this.stateDir, 'APIKEY.txt'), 'utf8').trim();
  }

  async start(): Promise<void> {
    this.log.length = 0;
    const child = spawn('bash', [etherpadSh, 'run', '--state-dir', this.stateDir, '--port', String(this.port), '--database-url', this.databaseUrl], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#exited = false;
    const keep = (chunk: Buffer) => {
      this.log.push(...chunk.toString().split('\n').filter(Boolean));
      this.log.splice(0, Math.max(0, this.log.length - 40));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#exit = new Promise((done) =>
      child.once('exit', () => {
        this.#exited = true;
        done();
      }),
    );
    await waitFor(`Etherpad to answer ${this.url}/api`, async () => {
      if (this.#exited) throw new Error(`Etherpad exited during start-up: ${this.log.slice(-5).join(' | ')}`);
      return (await fetch(`${this.url}/api`, { signal: AbortSignal.timeout(2000) })).ok;
    }, 120_000, 200);
  }

  /** Kills the whole process group and waits until it is gone. */
  async stop(): Promise<void> {
    if (this.#exited || !this.#child?.pid) return;
    try {
      process.kill(-this.#child.pid, 'SIGKILL');
    } catch {
      // gone already
    }
    await this.#exit;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
    await getDb(this.adminUrl).$executeRawUnsafe(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
  }
}
