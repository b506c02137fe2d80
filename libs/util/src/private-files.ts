import { chmodSync, lstatSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files only their owner may read: padmeet's local state (`.padmeet/`: service secrets, the
 * join-token private key, Etherpad's API and session keys, database URLs in env files).
 * Each call also tightens what exists already with a looser mode (an older run, a umask of 022).
 */

/** Creates `dir` (and its parents) when missing and makes it 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Writes `content` to `file` as 0600 (through a temporary file in the same directory, then renamed: never readable by others, even half-written). */
export function writePrivateFile(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/**
 * Takes every permission of group and others off `root` and everything below it (directories
 * 0700 at most, files 0600 at most, the owner's own bits kept). Symbolic links are not followed.
 */
export function restrictToOwner(root: string): void {
  const stat = lstatSync(root, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if ((stat.mode & 0o077) !== 0) chmodSync(root, stat.mode & 0o700);
  if (!stat.isDirectory()) return;
  for (const name of readdirSync(root)) restrictToOwner(join(root, name));
}
