import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from './secrets';

// Run with `npx vitest run infra/stack` (infra is no Nx project; the helpers are tested in libs/util).
const mode = (path: string) => statSync(path).mode & 0o777;

describe('local secrets on disk', () => {
  const base = mkdtempSync(join(tmpdir(), 'padmeet-secrets-'));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('generates .padmeet/secrets.env owner-only', async () => {
    const file = join(base, 'fresh', '.padmeet', 'secrets.env');
    const secrets = await loadOrCreateSecrets(file);
    expect(secrets.NEXTAUTH_SECRET.length).toBeGreaterThan(30);
    expect(mode(join(base, 'fresh', '.padmeet'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it('tightens a directory and file an older run left readable by others, keeping the secrets', async () => {
    const dir = join(base, 'old', '.padmeet');
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    const file = join(dir, 'secrets.env');
    writeFileSync(file, 'AUTH_SERVICE_SECRET=a\nJOIN_TOKEN_PRIVATE_KEY=b\nJOIN_TOKEN_PUBLIC_KEY=c\nNEXTAUTH_SECRET=d\n');
    chmodSync(file, 0o644);
    expect(await loadOrCreateSecrets(file)).toMatchObject({ AUTH_SERVICE_SECRET: 'a', NEXTAUTH_SECRET: 'd' });
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });
});
