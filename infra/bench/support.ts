/**
 * What the benchmarks (infra/bench/*.ts) share: reading a stack's env file, waiting for and
 * stopping the processes they start, percentiles, their own database.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** `export NAME='value'` lines (infra/stack/run.ts writes stack.env so) as an object. */
export function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => /^(?:export )?([A-Z0-9_]+)=['"]?(.*?)['"]?$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/** A function that stops the child with SIGTERM and resolves once it exited. */
export function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
}

/** Polls `check` every second until it holds; fails when the child exits first or after 10 minutes. */
export async function waitFor(check: () => boolean | Promise<boolean>, child: ChildProcess, what: string) {
  const deadline = Date.now() + 600_000;
  while (!(await check())) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) before it was ready`);
    if (Date.now() > deadline) throw new Error(`${what} did not become ready in 10 minutes`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The p-th percentile (nearest rank) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Creates the benchmark's own database when missing (the URL's role needs CREATEDB). */
export async function ensureDatabase(adminUrl: string, database: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
