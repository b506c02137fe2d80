import { randomBytes, randomUUID, scrypt } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import type { AccountRole } from '@padmeet/contract';
import { stack } from './fixtures';

/**
 * Accounts for end-to-end tests, written straight into PostgreSQL with the
 * same password format apps/auth uses (scrypt$logN$r$p$salt$hash, see
 * libs/accounts/src/password.ts). Cheaper parameters than production: the
 * stored parameters are honoured when verifying.
 */
function scryptHash(password: string): Promise<string> {
  const [logN, r, p] = [12, 8, 1];
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, { N: 2 ** logN, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')),
    ),
  );
}

export interface TestAccount {
  id: string;
  username: string;
  password: string;
  displayName: string;
  role: AccountRole;
}

/** A fresh account with the given role (participant by default), unique to this test run. */
export async function createAccount(options: { role?: AccountRole; username?: string; displayName?: string } = {}): Promise<TestAccount> {
  const role = options.role ?? 'participant';
  const username = options.username ?? `e2e-${role.slice(0, 6)}-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const displayName = options.displayName ?? `E2E ${role} ${username.slice(-4)}`;
  const id = randomUUID();
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_user (id, username, display_name, role, password_hash, updated_at) VALUES ($1, $2, $3, $4::user_role, $5, now())`,
      [id, username, displayName, role, await scryptHash(password)],
    );
  } finally {
    await client.end();
  }
  return { id, username, password, displayName, role };
}

/** Signs in through the real sign-in page, as a person would; waits until the header shows the account. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The form loads the destination page in full; wait for it, not for the old page.
  await page.waitForURL((url) => url.pathname !== '/signin');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

/** Signs out through the account page. */
export async function signOut(page: Page): Promise<void> {
  await page.goto('/account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}
