import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { createRoom, stack } from './fixtures';

// The video room with real Chromium (fake camera and microphone), the real SFU (mediasoup worker)
// and the real web app. Few tests, each going deep: media e2e is the expensive kind.

async function joinAs(page: Page, slug: string, displayName: string, click: 'click' | 'dblclick' = 'click') {
  await page.goto(`/r/${slug}`);
  await page.getByLabel(/your name/i).fill(displayName);
  await page.getByRole('button', { name: 'Join room' })[click]();
}

/** How many people the SFU has in a room (its JSON counters, on the test stack's public port). */
async function sfuPeersIn(slug: string): Promise<number | undefined> {
  const metrics = (await (await fetch(`${stack.sfuUrl()}/metrics`)).json()) as { rooms: Array<{ room: string; peers: number }> };
  return metrics.rooms.find((entry) => entry.room === slug)?.peers;
}

const tileOf = (page: Page, name: string): Locator => page.locator(`[data-testid=remote-tile][data-peer-name="${name}"]`);

async function numberAttribute(locator: Locator, name: string): Promise<number> {
  return Number((await locator.getAttribute(name)) ?? 0);
}

/** framesDecoded of a tile's video as the page reports it (inbound-rtp stats, sampled every second). */
const framesOf = (page: Page, name: string) => numberAttribute(tileOf(page, name).getByTestId('remote-video'), 'data-frames-decoded');
const heightOf = (page: Page, name: string) => numberAttribute(tileOf(page, name).getByTestId('remote-video'), 'data-frame-height');

/** True when no frame was decoded between two consecutive stats samples of the tile (one a second). */
async function framesStoppedIn(page: Page, name: string): Promise<boolean> {
  const video = tileOf(page, name).getByTestId('remote-video');
  const samples = await numberAttribute(video, 'data-stats-samples');
  const frames = await numberAttribute(video, 'data-frames-decoded');
  await expect.poll(() => numberAttribute(video, 'data-stats-samples'), { timeout: 5_000 }).toBeGreaterThan(samples + 1);
  return (await numberAttribute(video, 'data-frames-decoded')) === frames;
}

/** Waits until a tile's decoded frame count goes up (the video is live), whatever it was before. */
async function expectDecoding(page: Page, name: string) {
  await expect(tileOf(page, name).getByTestId('remote-video')).toBeVisible({ timeout: 45_000 });
  await expect.poll(() => framesOf(page, name), { timeout: 45_000 }).toBeGreaterThan(0);
  const before = await framesOf(page, name);
  await expect.poll(() => framesOf(page, name), { timeout: 30_000 }).toBeGreaterThan(before);
}

async function newPerson(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('three people in a room: each decodes the others, an enlarged tile gets a higher layer, a hidden one stops, mute and screen share reach the others, leaving removes the tile', async ({ browser }) => {
  const room = await createRoom('Nova PTG');
  const ada = await newPerson(browser);
  const grace = await newPerson(browser);
  const lin = await newPerson(browser);

  // The pre-join shows the camera before anyone joins.
  await ada.page.goto(`/r/${room.slug}`);
  const preview = ada.page.getByTestId('prejoin-preview');
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((video: HTMLVideoElement) => video.readyState >= 2 && video.currentTime > 0)).toBe(true);
  await ada.page.getByLabel(/your name/i).fill('Ada');
  await ada.page.getByRole('button', { name: 'Join room' }).click();
  await joinAs(grace.page, room.slug, 'Grace');
  // Lin double-clicks "Join room": the page joins once (one join request, one peer on the SFU, one tile).
  await joinAs(lin.page, room.slug, 'Lin', 'dblclick');

  for (const [page, others] of [
    [ada.page, ['Grace', 'Lin']],
    [grace.page, ['Ada', 'Lin']],
    [lin.page, ['Ada', 'Grace']],
  ] as const) {
    for (const name of others) await expectDecoding(page, name);
  }
  // By now every join has long answered: a second one from Lin's double click would show here.
  expect(await sfuPeersIn(room.slug)).toBe(3);
  for (const page of [ada.page, grace.page]) await expect(tileOf(page, 'Lin')).toHaveCount(1);

  // A muted participant shows as muted to the others, and unmuted again.
  await lin.page.getByTestId('toggle-mic').click();
  await expect(tileOf(ada.page, 'Lin')).toHaveAttribute('data-mic-muted', 'true');
  await expect(tileOf(ada.page, 'Lin').getByTestId('muted-mark')).toBeVisible();
  await lin.page.getByTestId('toggle-mic').click();
  await expect(tileOf(ada.page, 'Lin')).toHaveAttribute('data-mic-muted', 'false');

  // Everyone sees Grace as a thumbnail: her browser encodes only her camera's lowest layer.
  await expect(grace.page.getByTestId('local-tile')).toHaveAttribute('data-camera-layer', '0');
  // Enlarging Grace's tile (a click puts it on the main stage) raises the resolution Ada receives:
  // the SFU asks Grace's browser for the higher layers, and forwards one to Ada.
  await expect.poll(() => heightOf(ada.page, 'Grace'), { timeout: 30_000 }).toBeGreaterThan(0);
  const thumbnailHeight = await heightOf(ada.page, 'Grace');
  await tileOf(ada.page, 'Grace').click();
  await expect(tileOf(ada.page, 'Grace')).toHaveAttribute('data-size', 'main');
  await expect(grace.page.getByTestId('local-tile')).not.toHaveAttribute('data-camera-layer', '0', { timeout: 30_000 });
  await expect.poll(() => heightOf(ada.page, 'Grace'), { timeout: 45_000 }).toBeGreaterThan(thumbnailHeight);

  // Hiding the thumbnails: Lin's video is paused on the SFU and stops decoding in Ada's page...
  await ada.page.getByTestId('toggle-strip').click();
  await expect(tileOf(ada.page, 'Lin')).toHaveAttribute('data-layer', 'paused', { timeout: 30_000 });
  await expect.poll(() => framesStoppedIn(ada.page, 'Lin'), { timeout: 30_000 }).toBe(true);
  // ... and comes back when shown again.
  await ada.page.getByTestId('toggle-strip').click();
  await expectDecoding(ada.page, 'Lin');

  // Grace shares her screen: it takes the main stage for the others, and goes when she stops.
  await grace.page.getByTestId('toggle-screen').click();
  for (const page of [ada.page, lin.page]) {
    const screen = page.locator('[data-testid=screen-tile][data-peer-name="Grace"]');
    await expect(screen).toHaveAttribute('data-size', 'main', { timeout: 45_000 });
    await expect.poll(() => numberAttribute(screen.getByTestId('screen-video'), 'data-frames-decoded'), { timeout: 45_000 }).toBeGreaterThan(0);
  }
  await grace.page.getByTestId('toggle-screen').click();
  for (const page of [ada.page, lin.page]) await expect(page.getByTestId('screen-tile')).toHaveCount(0, { timeout: 30_000 });

  // Leaving: back to the room's page, and the others lose the tile.
  await lin.page.getByTestId('leave').click();
  await expect(lin.page.getByRole('button', { name: 'Join room' })).toBeVisible();
  await expect(tileOf(ada.page, 'Lin')).toHaveCount(0, { timeout: 30_000 });
  await expect(tileOf(grace.page, 'Lin')).toHaveCount(0, { timeout: 30_000 });

  for (const person of [ada, grace, lin]) await person.context.close();
});

test('a browser with the camera blocked joins with its microphone only, says so, and still sees the others; when the media worker dies, both are back within 5 s without a reload', async ({ browser, playwright }) => {
  const room = await createRoom('Nova audio only');
  const ada = await newPerson(browser);
  await joinAs(ada.page, room.slug, 'Ada');

  // Permissions decide only without the flag that grants every request (see ENVIRONMENT notes).
  const launch = test.info().project.use.launchOptions ?? {};
  const strict = await playwright.chromium.launch({ ...launch, args: (launch.args ?? []).filter((arg) => arg !== '--use-fake-ui-for-media-stream') });
  const context = await strict.newContext({ permissions: ['microphone'], baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto(`/r/${room.slug}`);
  await expect(page.getByTestId('device-problem')).toHaveText(/camera is blocked/i);
  await expect(page.getByTestId('participation')).toHaveText(/microphone only/i);
  await page.getByLabel(/your name/i).fill('Bo');
  await page.getByRole('button', { name: 'Join room' }).click();

  await expectDecoding(page, 'Ada');
  const bo = tileOf(ada.page, 'Bo');
  await expect(bo.getByTestId('remote-no-video')).toBeVisible({ timeout: 45_000 });
  await expect(bo).toHaveAttribute('data-mic-muted', 'false', { timeout: 30_000 });

  // The room's media worker dies: both pages rejoin by themselves (no reload) within 5 s, and media flows again.
  const metrics = (await (await fetch(`${stack.sfuUrl()}/metrics`)).json()) as { rooms: Array<{ room: string; workerPid: number }> };
  const workerPid = metrics.rooms.find((entry) => entry.room === room.slug)?.workerPid;
  expect(workerPid).toBeGreaterThan(0);
  process.kill(workerPid!, 'SIGKILL');
  // Back within 5 s: the room lives again on another (or the replaced) worker with both in it, and both pages show the other.
  await expect
    .poll(
      async () => {
        const now = (await (await fetch(`${stack.sfuUrl()}/metrics`)).json()) as { rooms: Array<{ room: string; workerPid: number; peers: number }> };
        const entry = now.rooms.find((r) => r.room === room.slug);
        return entry !== undefined && entry.workerPid !== workerPid && entry.peers === 2;
      },
      { timeout: 5_000, intervals: [100] },
    )
    .toBe(true);
  for (const [viewer, other] of [
    [ada.page, 'Bo'],
    [page, 'Ada'],
  ] as const) {
    await expect(viewer.getByTestId('media-status')).toHaveAttribute('data-state', 'live', { timeout: 5_000 });
    await expect(tileOf(viewer, other)).toHaveCount(1, { timeout: 5_000 });
  }
  await expectDecoding(page, 'Ada');

  await strict.close();
  await ada.context.close();
});

test('a full room and an unpublished event each say why, with a way back to the schedule', async ({ browser }) => {
  const small = await createRoom('Nova small', { capacity: 1 });
  const first = await newPerson(browser);
  await joinAs(first.page, small.slug, 'Ada');
  await expect(first.page.getByTestId('media-status')).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
  const second = await newPerson(browser);
  await joinAs(second.page, small.slug, 'Grace');
  const refusal = second.page.getByTestId('media-refusal');
  await expect(refusal).toHaveAttribute('data-refusal', 'room-full', { timeout: 45_000 });
  await expect(refusal).toContainText(/full/i);
  await expect(refusal.getByRole('link', { name: 'Back to the schedule' })).toHaveAttribute('href', `/e/${small.eventSlug}`);

  const draft = await createRoom('Nova draft', { published: false });
  await joinAs(second.page, draft.slug, 'Grace');
  const refused = second.page.getByTestId('join-refused');
  await expect(refused).toContainText(/not published/i);
  await expect(refused.getByRole('link', { name: 'Back to the schedule' })).toHaveAttribute('href', `/e/${draft.eventSlug}`);
  await expect(second.page.getByTestId('prejoin')).toBeVisible();
  for (const person of [first, second]) await person.context.close();
});
