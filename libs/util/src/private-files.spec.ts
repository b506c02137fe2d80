import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, restrictToOwner, writePrivateFile } from './private-files';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('private files', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'padmeet-private-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('creates a directory as 0700 and tightens one that exists with a looser mode', () => {
    const fresh = join(base, 'a', '.padmeet');
    ensurePrivateDir(fresh);
    expect(mode(fresh)).toBe(0o700);
    const loose = join(base, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    chmodSync(loose, 0o755);
    ensurePrivateDir(loose);
    expect(mode(loose)).toBe(0o700);
  });

  it('writes a file as 0600, also over one that was world-readable', () => {
    const file = join(base, 'secrets.env');
    writeFileSync(file, 'old', { mode: 0o644 });
    chmodSync(file, 0o644);
    writePrivateFile(file, 'NEXTAUTH_SECRET=x\n');
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('NEXTAUTH_SECRET=x\n');
  });

  it('takes group and other permissions off a whole tree, keeps the owner bits, does not follow links', () => {
    const state = join(base, '.padmeet');
    mkdirSync(join(state, 'test', 'etherpad'), { recursive: true });
    chmodSync(state, 0o755);
    chmodSync(join(state, 'test'), 0o775);
    chmodSync(join(state, 'test', 'etherpad'), 0o777);
    writeFileSync(join(state, 'test', 'stack.env'), 'x');
    chmodSync(join(state, 'test', 'stack.env'), 0o644);
    writeFileSync(join(state, 'test', 'etherpad', 'APIKEY.txt'), 'x');
    chmodSync(join(state, 'test', 'etherpad', 'APIKEY.txt'), 0o666);
    writeFileSync(join(state, 'run.sh'), 'x');
    chmodSync(join(state, 'run.sh'), 0o755);
    const outside = join(base, 'outside');
    writeFileSync(outside, 'x');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(state, 'link'));

    restrictToOwner(state);

    expect(mode(state)).toBe(0o700);
    expect(mode(join(state, 'test'))).toBe(0o700);
    expect(mode(join(state, 'test', 'etherpad'))).toBe(0o700);
    expect(mode(join(state, 'test', 'stack.env'))).toBe(0o600);
    expect(mode(join(state, 'test', 'etherpad', 'APIKEY.txt'))).toBe(0o600);
    expect(mode(join(state, 'run.sh'))).toBe(0o700);
    expect(mode(outside)).toBe(0o644);
  });
});
