import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { getDb } from '@padmeet/data';

const root = resolve(import.meta.dirname, '../../../..');

/**
 * A database of its own for one integration test file, migrated like the stack's: the test stack's
 * web server runs its own notes runner over the stack's database, and would take (or hold back with
 * its retries) the jobs of sessions a test books there. Dropped by `dispose`.
 */
export interface ScratchDatabase {
  url: string;
  dispose(): Promise<void>;
}

export async function createScratchDatabase(serverUrl: string, label: string): Promise<ScratchDatabase> {
  const name = `padmeet_notes_it_${label}_${Date.now().toString(36)}_${process.pid}`;
  const admin = getDb(serverUrl);
  await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // The project's own way to run Prisma (no internet: its engines pointed at a placeholder), as the stack migrates.
  execFileSync('bash', [resolve(root, 'infra/scripts/prisma.sh'), 'migrate', 'deploy'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url.href },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    url: url.href,
    /**
     * Drops the database once the file's own connections have closed (call after disconnecting
     * them). No FORCE: terminating a pool's connection that is still closing raises in the test
     * process. Left behind, with a line saying so, if something still holds it after 15 s.
     */
    async dispose() {
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}"`);
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            process.stderr.write(`scratch database ${name} left behind: ${error instanceof Error ? error.message : String(error)}\n`);
            return;
          }
          await new Promise((done) => setTimeout(done, 200));
        }
      }
    },
  };
}
