import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './accounts';
import { createRoom } from './fixtures';

// The admin page (/admin): live graphs for admins, drawn from the SFU's metrics listener and the
// web server's machine; refused to anyone else, page and figures alike.

test('the admin page is refused to anonymous visitors and to participants, page and figures', async ({ browser }) => {
  const anonymous = await browser.newContext();
  const anonymousPage = await anonymous.newPage();
  // The refusal is the page's, with the status its figures have: 401 signed out, 403 not an admin.
  expect((await anonymousPage.goto('/admin'))?.status()).toBe(401);
  await expect(anonymousPage.getByTestId('admin-refused')).toHaveText(/Sign in as an admin/);
  await expect(anonymousPage.getByTestId('admin-dashboard')).toHaveCount(0);
  expect((await anonymousPage.request.get('/admin/stats')).status()).toBe(401);
  await anonymous.close();

  const participant = await createAccount({ role: 'participant' });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, participant.username, participant.password);
  expect((await page.goto('/admin'))?.status()).toBe(403);
  await expect(page.getByTestId('admin-refused')).toHaveText('Only admins may see the server figures.');
  await expect(page.getByTestId('admin-dashboard')).toHaveCount(0);
  const refused = await page.request.get('/admin/stats');
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain('machine');
  await context.close();
});

test('an admin sees live graphs of the machine and of a room someone is in', async ({ browser }) => {
  const room = await createRoom('Metrics room');
  // Someone in the room, so the room has figures.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(`/r/${room.slug}`);
  await guest.getByLabel(/your name/i).fill('Grace');
  await guest.getByRole('button', { name: 'Join room' }).click();
  await expect(guest.getByTestId('media-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });

  const admin = await createAccount({ role: 'admin' });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, admin.username, admin.password);
  expect((await page.goto('/admin'))?.status()).toBe(200);
  const dashboard = page.getByTestId('admin-dashboard');
  await expect(dashboard).toBeVisible();

  // Every graph is an SVG image with a text alternative and drawn lines.
  for (const id of ['load', 'cpu', 'bandwidth-in', 'bandwidth-out', 'people']) {
    await expect(page.getByTestId(`chart-${id}`).getByRole('img')).toHaveAttribute('aria-label', /\S/);
  }
  await expect.poll(async () => Number(await dashboard.getAttribute('data-samples')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('chart-cpu').locator('path.series[data-series="web server machine"]')).toHaveAttribute('d', /^M[\d.]+ [\d.]+ L/);
  await expect(page.getByTestId('chart-load').locator('path.series[data-series="media server"]')).toHaveAttribute('d', /^M[\d.]+ [\d.]+ L/);

  // The figures keep coming: the page polls and redraws.
  const updated = await page.getByTestId('admin-updated').textContent();
  const samples = Number(await dashboard.getAttribute('data-samples'));
  await expect.poll(async () => Number(await dashboard.getAttribute('data-samples')), { timeout: 60_000 }).toBeGreaterThan(samples);
  await expect(page.getByTestId('admin-updated')).not.toHaveText(updated ?? '', { timeout: 60_000 });

  // The room: in the table with its person, and drawn as its own line in "people per room".
  const row = page.getByTestId('admin-rooms').getByRole('row').filter({ hasText: room.slug });
  await expect(row.getByRole('cell').first()).toHaveText('1', { timeout: 60_000 });
  await expect(page.getByTestId('chart-people').locator(`path.series[data-series="${room.slug}"]`)).toHaveAttribute('d', /^M[\d.]+ [\d.]+/);
  await expect(page.getByTestId(`latest-people-${room.slug}`)).toHaveText('1');

  await guestContext.close();
  await context.close();
});
