import { expect, test, type Page } from '@playwright/test';
import { createRoom, padText, stack } from './fixtures';

async function joinAs(page: Page, room: { name: string; slug: string }, displayName: string) {
  await page.goto('/');
  // Earlier runs leave rooms with the same name: pick this run's by its URL, then check the name.
  const link = page.getByTestId('room-link').filter({ hasText: `/r/${room.slug}` });
  await expect(link).toContainText(room.name);
  await link.click();
  await page.getByLabel(/your name/i).fill(displayName);
  await page.getByRole('button', { name: 'Join room' }).click();
}

/** framesDecoded of the first remote video, as the page reports it from its inbound-rtp stats. */
async function framesDecoded(page: Page): Promise<number> {
  const value = await page.getByTestId('remote-video').first().getAttribute('data-frames-decoded');
  return Number(value ?? 0);
}

test('two people join a room from the room list: pad beside the video, each receives the other through the SFU', async ({ browser }) => {
  const room = await createRoom('Zuul v5 planning');
  const ada = await browser.newContext();
  const grace = await browser.newContext();
  const adaPage = await ada.newPage();
  const gracePage = await grace.newPage();

  await joinAs(adaPage, room, 'Ada');
  await expect(adaPage).toHaveURL(new RegExp(`/r/${room.slug}$`));

  // The pad is named after the room, created on first join with the notes template, and shown beside the video.
  const padFrame = adaPage.getByTestId('pad-frame');
  await expect(padFrame).toBeVisible();
  await expect(padFrame).toHaveAttribute('src', new RegExp(`/p/${room.slug}\\?`));
  await expect.poll(() => padText(room.slug)).toContain('Zuul v5 planning');
  // The editor inside the iframe finished loading (its socket connected through the /pad proxy).
  await expect(adaPage.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });

  await joinAs(gracePage, room, 'Grace');

  // Media went browser → mediasoup → browser in both directions.
  for (const page of [adaPage, gracePage]) {
    await expect(page.getByTestId('remote-video')).toHaveCount(1, { timeout: 45_000 });
    await expect.poll(() => framesDecoded(page), { timeout: 45_000 }).toBeGreaterThan(0);
  }
  await expect(adaPage.getByText('Grace')).toBeVisible();
  await expect(gracePage.getByText('Ada')).toBeVisible();

  const health = (await (await fetch(`${stack.sfuUrl()}/healthz`)).json()) as { peers: number };
  expect(health.peers).toBeGreaterThanOrEqual(2);

  // The pad can be closed and reopened while the call goes on.
  await adaPage.getByRole('button', { name: 'Close notes' }).click();
  await expect(padFrame).toHaveCount(0);
  await adaPage.getByRole('button', { name: 'Open notes' }).click();
  await expect(adaPage.getByTestId('pad-frame')).toBeVisible();
  const before = await framesDecoded(adaPage);
  await expect.poll(() => framesDecoded(adaPage)).toBeGreaterThan(before);

  // When Grace leaves, her tile goes away.
  await grace.close();
  await expect(adaPage.getByTestId('remote-video')).toHaveCount(0, { timeout: 30_000 });
  await ada.close();
});

test('the pseudonym is remembered on this browser, and a blank one is refused next to the field', async ({ page }) => {
  const room = await createRoom('Nova');
  await page.goto(`/r/${room.slug}`);
  const name = page.getByLabel(/your name/i);
  await name.fill('   ');
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.locator('form.join').getByRole('alert')).toHaveText(/enter a name/i);

  await name.fill('Lin');
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.getByTestId('pad-frame')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/your name/i)).toHaveValue('Lin');
});

test('an unknown room answers 404', async ({ page }) => {
  const res = await page.goto('/r/no-such-room-here');
  expect(res?.status()).toBe(404);
  const bad = await page.goto('/r/Not%20A%20Slug');
  expect(bad?.status()).toBe(404);
});
