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

  await guest.close();
  await memberContext.close();
});
