import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateJoinTokenKeyPair } from '../../libs/join-token/src/keys';
import { ensurePrivateDir, restrictToOwner, writePrivateFile } from '../../libs/util/src/private-files';

export interface LocalSecrets {
  AUTH_SERVICE_SECRET: string;
  JOIN_TOKEN_PRIVATE_KEY: string;
  JOIN_TOKEN_PUBLIC_KEY: string;
  NEXTAUTH_SECRET: string;
}

const escape = (pem: string) => pem.trim().replace(/\n/g, '\\n');

/**
 * Secrets of a local run, generated on first start into .padmeet/ (gitignored; the directory 0700,
 * the file 0600, also when an older run left them looser) and reused afterwards. Production
 * supplies its own through the environment.
 */
export async function loadOrCreateSecrets(file: string): Promise<LocalSecrets> {
  ensurePrivateDir(dirname(file));
  if (existsSync(file)) {
    restrictToOwner(file);
    const values = Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    ) as Partial<LocalSecrets>;
    if (values.AUTH_SERVICE_SECRET && values.JOIN_TOKEN_PRIVATE_KEY && values.JOIN_TOKEN_PUBLIC_KEY && values.NEXTAUTH_SECRET) {
      return values as LocalSecrets;
    }
  }
  const pair = await generateJoinTokenKeyPair();
  const secrets: LocalSecrets = {
    AUTH_SERVICE_SECRET: randomBytes(32).toString('base64url'),
    JOIN_TOKEN_PRIVATE_KEY: escape(pair.privateKeyPem),
    JOIN_TOKEN_PUBLIC_KEY: escape(pair.publicKeyPem),
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
  };
  writePrivateFile(file, Object.entries(secrets).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  return secrets;
}
