import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { createAccount, signIn, signOut } from './accounts';

/** A second browser holding a copy of `from`'s cookies, as a thief who copied them would. */
async function copyOf(browser: Browser, from: BrowserContext): Promise<BrowserContext> {
  const thief = await browser.newContext();
  await thief.addCookies(await from.cookies());
  return thief;
}

/** Whether a browser is signed in: the account page shows its username, or sends it to sign in. */
async function signedInAs(context: BrowserContext): Promise<string | null> {
  const page = await context.newPage();
  await page.goto('/account');
  const username = page.url().includes('/signin') ? null : await page.getByTestId('account-username').textContent();
  await page.close();
  return username;
}

test('signing out ends the session on the server: a copied session cookie stops working too', async ({ browser }) => {
  const account = await createAccount();
  const owner = await browser.newContext();
  const page = await owner.newPage();
  await signIn(page, account.username, account.password);
  const thief = await copyOf(browser, owner);
  expect(await signedInAs(thief)).toBe(account.username);

  await signOut(page);
  expect(await signedInAs(owner)).toBeNull();
  expect(await signedInAs(thief)).toBeNull();
  await owner.close();
  await thief.close();
});

test('an admin ends all sessions of an account: every browser of it, copies included, is signed out', async ({ browser }) => {
  const account = await createAccount();
  const laptop = await browser.newContext();
  await signIn(await laptop.newPage(), account.username, account.password);
  const phone = await browser.newContext();
  await signIn(await phone.newPage(), account.username, account.password);
  const thief = await copyOf(browser, laptop);
  expect(await signedInAs(thief)).toBe(account.username);

  const admin = await createAccount({ role: 'admin' });
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin.username, admin.password);
  await adminPage.goto('/account');
  await adminPage.getByRole('form', { name: 'End all sessions of an account' }).getByLabel('Username').fill(account.username);
  await adminPage.getByRole('button', { name: 'End all sessions' }).click();
  await expect(adminPage.getByTestId('sessions-ended')).toHaveText(`Signed out 2 sessions of ${account.username}.`);

  expect(await signedInAs(laptop)).toBeNull();
  expect(await signedInAs(phone)).toBeNull();
  expect(await signedInAs(thief)).toBeNull();
  // The admin's own session is untouched, and the account can sign in again.
  expect(await signedInAs(adminContext)).toBe(admin.username);
  await signIn(await laptop.newPage(), account.username, account.password);
  expect(await signedInAs(laptop)).toBe(account.username);
  for (const context of [laptop, phone, thief, adminContext]) await context.close();
});

test('after signing in, a callbackUrl to another origin (/%5Cevil.example) lands on padmeet instead', async ({ page, baseURL }) => {
  const account = await createAccount();
  await page.goto('/signin?callbackUrl=/%5Cevil.example');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test('a cookie with a stray "%" does not turn the API into 500s for that browser', async ({ page, context, baseURL }) => {
  const account = await createAccount();
  await context.addCookies([{ name: 'prefs', value: '100%', url: baseURL! }]);
  await signIn(page, account.username, account.password);
  const me = await page.request.get('/api/trpc/account.me');
  expect(me.status()).toBe(200);
  expect(await me.text()).toContain(account.username);
});
