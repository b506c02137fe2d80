import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@padmeet/accounts';
import { disconnectAll, getDb } from '@padmeet/data';

const databaseUrl = process.env['DATABASE_URL'];
const username = `adm${randomBytes(3).toString('hex')}`;

function adminCreate(args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/auth/src/admin-create.ts', ...args], {
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: databaseUrl ?? '', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run admin:create', () => {
  afterAll(async () => {
    await getDb(databaseUrl!).user.deleteMany({ where: { username: { startsWith: username } } });
    await disconnectAll();
  });

  it('creates an account with the password from ADMIN_PASSWORD, never printing it', async () => {
    const result = adminCreate([username, '--name', 'First Admin'], { ADMIN_PASSWORD: 'bootstrap-password-1' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Created admin "${username}"`));
    expect(result.stdout + result.stderr).not.toContain('bootstrap-password-1');
    const row = await getDb(databaseUrl!).user.findUniqueOrThrow({ where: { username } });
    expect(row).toMatchObject({ role: 'admin', displayName: 'First Admin' });
    expect(await verifyPassword('bootstrap-password-1', row.passwordHash)).toBe(true);
  });

  it('reads the password from stdin when there is no terminal, and refuses a taken name or a short password', () => {
    expect(adminCreate([`${username}-tm`, '--role', 'ticketmaster'], {}, 'piped-password-1\n').status).toBe(0);
    const taken = adminCreate([username], { ADMIN_PASSWORD: 'another-password' });
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/taken/);
    const short = adminCreate([`${username}-x`], { ADMIN_PASSWORD: 'short' });
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 10/);
  });

  it('offers no bootstrap invite once an admin exists', () => {
    const result = adminCreate(['--invite'], {});
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/admin already exists/);
  });
});
