import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { createAccount, signIn } from './accounts';
import { stack } from './fixtures';

/** A published, members-only event with one room, straight into PostgreSQL. */
async function createMembersOnlyRoom(): Promise<{ slug: string; name: string }> {
  const suffix = randomBytes(4).toString('hex');
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, members_only, updated_at)
       VALUES (gen_random_uuid(), $1, $2, current_date, current_date + 1, 'UTC', true, true, now()) RETURNING id`,
      [`members-${suffix}`, `Members summit ${suffix}`],
    );
    await client.query(`INSERT INTO room (id, event_id, slug, name) VALUES (gen_random_uuid(), $1, $2, $3)`, [event.rows[0]?.id, `mo-${suffix}`, `Members room ${suffix}`]);
  } finally {
    await client.end();
  }
  return { slug: `mo-${suffix}`, name: `Members room ${suffix}` };
}

test('members-only rooms refuse guests with a clear message and let signed-in members in', async ({ browser }) => {
  const room = await createMembersOnlyRoom();

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(`/r/${room.slug}`);
  await guestPage.getByLabel(/your name/i).fill('Wanderer');
  await guestPage.getByRole('button', { name: 'Join room' }).click();
  await expect(guestPage.locator('main').getByRole('alert')).toContainText('members only: please sign in');
  await expect(guestPage.getByTestId('pad-frame')).toHaveCount(0);
  // The notes page refuses the guest the same way, and says how to get in.
  await guestPage.goto(`/r/${room.slug}/notes`);
  await guestPage.getByLabel(/your name in the notes/i).fill('Wanderer');
  await guestPage.getByRole('button', { name: 'Open the notes' }).click();
  await expect(guestPage.getByTestId('notes-refused')).toContainText('members only: please sign in');
  await expect(guestPage.getByTestId('notes-refused').getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', `/signin?callbackUrl=${encodeURIComponent(`/r/${room.slug}/notes`)}`);
  await expect(guestPage.getByTestId('pad-frame')).toHaveCount(0);

  const member = await createAccount({ displayName: 'Member Ada' });
  const memberContext = await browser.newContext();
  const page = await memberContext.newPage();
  await signIn(page, member.username, member.password);
  await page.goto(`/r/${room.slug}`);
  await expect(page.getByTestId('joining-as')).toHaveText('You join as Member Ada (signed in).');
  await expect(page.getByLabel(/your name/i)).toHaveCount(0);
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.getByRole('button', { name: /notes/i })).toBeVisible();
  await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
  // The member's pad opens (the members-only notes are theirs to read and write).
  await expect(page.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });

  // The guest, even knowing the pad's address, gets padmeet's refusal page: no pass, no notes.
  const src = (await page.getByTestId('pad-frame').getAttribute('src'))!;
  const denied = await guestPage.goto(src);
  expect(denied?.status()).toBe(403);
  await expect(guestPage.getByTestId('pad-denied')).toBeVisible();

  await guest.close();
  await memberContext.close();
});
