import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { createRoom, etherpadApi, stack } from './fixtures';

/** From the room list to the room's pre-join. */
async function toRoomPage(page: Page, room: { name: string; slug: string }) {
  await page.goto('/');
  // Earlier runs leave rooms with the same name: pick this run's by its URL, then check the name.
  const link = page.getByTestId('room-link').filter({ hasText: `/r/${room.slug}` });
  await expect(link).toContainText(room.name);
  await link.click();
}

/** From the room list to the room's pre-join, with the name typed. */
async function toPreJoin(page: Page, room: { name: string; slug: string }, displayName: string) {
  await toRoomPage(page, room);
  await page.getByLabel(/your name/i).fill(displayName);
}

async function joinAs(page: Page, room: { name: string; slug: string }, displayName: string) {
  await toPreJoin(page, room, displayName);
  await page.getByRole('button', { name: 'Join room' }).click();
}

/** The pad's editable body: Etherpad nests its editor in two iframes inside padmeet's. */
function padEditor(page: Page): FrameLocator {
  return page.frameLocator('[data-testid=pad-frame]').frameLocator('iframe[name="ace_outer"]').frameLocator('iframe[name="ace_inner"]');
}

/** Types a line at the end of the pad, as a person does. */
async function typeLine(page: Page, line: string) {
  const body = padEditor(page).locator('#innerdocbody');
  await body.locator('div').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line, { delay: 20 });
}

/** The pad's text as this browser may read it: the export, through padmeet, with the browser's own Etherpad session. */
async function exportedText(page: Page): Promise<string> {
  const src = (await page.getByTestId('pad-frame').getAttribute('src')) ?? '';
  const response = await page.request.get(src.replace(/\?.*$/, '/export/txt'));
  expect(response.status()).toBe(200);
  return response.text();
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
  // The room pages speak to their pad's page only once it is there (a message for the pad's origin
  // sent to the frame's first, empty document is refused, with a warning in the console).
  const missedMessages: string[] = [];
  for (const page of [adaPage, gracePage]) page.on('console', (message) => /Failed to execute 'postMessage'/.test(message.text()) && missedMessages.push(message.text()));

  await joinAs(adaPage, room, 'Ada');
  await expect(adaPage).toHaveURL(new RegExp(`/r/${room.slug}$`));
  // Alone in the room, no one can watch Ada's camera: her browser does not encode it.
  await expect(adaPage.getByTestId('local-tile')).toHaveAttribute('data-camera-sent', 'no', { timeout: 30_000 });

  // The pad is named after the room (in its event's private group), created on first join with the notes template, and shown beside the video.
  const padFrame = adaPage.getByTestId('pad-frame');
  await expect(padFrame).toBeVisible();
  // On the pad's own origin (the test stack's, as `npm start`'s): the same host, another port.
  const padOrigin = process.env['PADMEET_PAD_ORIGIN'] ?? 'http://localhost:3103';
  await expect(padFrame).toHaveAttribute('src', new RegExp(`^${padOrigin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/pad/p/g\\.[A-Za-z0-9]{16}\\$${room.slug}\\?`));
  // The editor inside the iframe finished loading (its socket connected through the /pad proxy).
  await expect(adaPage.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  expect(await exportedText(adaPage)).toContain('Zuul v5 planning');

  // Grace, a new guest, looks at the pre-join a while: the room's pad loads beside it before she has
  // given a name, out of sight and out of reach (her typing stays in the name field), and the room
  // then shows that very page, not a new load.
  await toRoomPage(gracePage, room);
  const gracePad = gracePage.getByTestId('pad-frame');
  await expect(gracePad).toBeAttached({ timeout: 45_000 });
  const graceName = gracePage.getByLabel(/your name/i);
  await graceName.fill('Gra');
  await expect(gracePage.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeAttached({ timeout: 45_000 });
  await expect(gracePad).toBeHidden();
  // The pad has started (Etherpad focuses its editor then, unless it is out of sight: patch 11);
  // what she types next still goes into the name field.
  await gracePage.keyboard.type('ce');
  await expect(graceName).toBeFocused();
  await expect(graceName).toHaveValue('Grace');
  // Looking at the pre-join, Grace is not in the room yet, and Ada's pad does not list her
  // (Etherpad patch 17), though Grace's hidden pad is connected and up to date: it has the line Ada
  // types now (Etherpad sends a new client's arrival to the others before it answers anything else).
  await typeLine(adaPage, 'Ada: before Grace joins');
  await expect(padEditor(gracePage).locator('#innerdocbody')).toContainText('Ada: before Grace joins', { timeout: 20_000 });
  const adaPadUsers = adaPage.frameLocator('[data-testid=pad-frame]').locator('#otheruserstable tr[data-authorId]');
  await expect(adaPadUsers).toHaveCount(0);
  await expect(adaPage.frameLocator('[data-testid=pad-frame]').locator('#online_count')).toHaveText('1');
  // (The pad page is on another origin: marked and read from inside its own frame.)
  const gracePadPage = (await (await gracePad.elementHandle())!.contentFrame())!;
  await gracePadPage.evaluate(() => Object.assign(window, { loadedBeforeJoin: true }));
  await gracePage.getByRole('button', { name: 'Join room' }).click();
  await expect(gracePad).toBeVisible();
  const shownPadPage = (await (await gracePad.elementHandle())!.contentFrame())!;
  expect(await shownPadPage.evaluate(() => (window as unknown as { loadedBeforeJoin?: boolean }).loadedBeforeJoin)).toBe(true);
  // In an origin-keyed agent cluster (asked for by the pad's listener), which Chromium runs in a
  // process of its own: the pad's scripts do not take the room page's main thread.
  expect(await shownPadPage.evaluate(() => window.originAgentCluster)).toBe(true);

  // Media went browser → mediasoup → browser in both directions.
  for (const page of [adaPage, gracePage]) {
    await expect(page.getByTestId('remote-video')).toHaveCount(1, { timeout: 45_000 });
    await expect.poll(() => framesDecoded(page), { timeout: 45_000 }).toBeGreaterThan(0);
  }
  // Grace watches Ada: Ada's camera is sent again (Grace decoded it above).
  await expect(adaPage.getByTestId('local-tile')).toHaveAttribute('data-camera-sent', 'yes');
  // Each sees the other's name on their tile (the People and Chat panels may name them too).
  await expect(adaPage.getByTestId('remote-name').filter({ hasText: 'Grace' })).toBeVisible();
  await expect(gracePage.getByTestId('remote-name').filter({ hasText: 'Ada' })).toBeVisible();

  // Both write in the same pad and see each other's lines as they are typed, under their own names.
  await expect(gracePage.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  await typeLine(adaPage, 'Ada: ship v5 on Friday');
  await expect(padEditor(gracePage).locator('#innerdocbody')).toContainText('Ada: ship v5 on Friday', { timeout: 20_000 });
  await typeLine(gracePage, 'Grace: I write the release notes');
  await expect(padEditor(adaPage).locator('#innerdocbody')).toContainText('Grace: I write the release notes', { timeout: 20_000 });
  // Each line carries its writer as author (the pad's author list shows both names). Both opened
  // the pad as new guests before typing a name (it loads while they type): the room page gave the
  // pad their name at the click, and Etherpad passed it on.
  await expect(adaPadUsers).toHaveCount(1, { timeout: 20_000 });
  await expect(adaPage.frameLocator('[data-testid=pad-frame]').locator('#otheruserstable')).toContainText('Grace', { timeout: 20_000 });
  await expect(gracePage.frameLocator('[data-testid=pad-frame]').locator('#otheruserstable')).toContainText('Ada', { timeout: 20_000 });
  await expect(gracePage.frameLocator('[data-testid=pad-frame]').locator('#myusernameedit')).toHaveValue('Grace');
  expect(await exportedText(gracePage)).toContain('Grace: I write the release notes');

  const health = (await (await fetch(`${stack.sfuUrl()}/healthz`)).json()) as { peers: number };
  expect(health.peers).toBeGreaterThanOrEqual(2);

  // The pad can be closed and reopened while the call goes on.
  await adaPage.getByRole('button', { name: 'Close notes' }).click();
  await expect(padFrame).toHaveCount(0);
  await adaPage.getByRole('button', { name: 'Open notes' }).click();
  await expect(adaPage.getByTestId('pad-frame')).toBeVisible();
  await expect(adaPage.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  expect(missedMessages).toEqual([]);
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

test("a room's notes open on their own page without joining the call, come back by themselves when their pass ended, stay open in two tabs at once, and stay closed to a browser without a pass", async ({ browser }) => {
  const room = await createRoom('Nova notes');
  const context = await browser.newContext();
  const page = await context.newPage();
  // The pad builds its editor while its socket connects (Etherpad patch 15), before it has the
  // server's CLIENT_VARS: no script of the page or its frames may fail on what is not there yet.
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`/r/${room.slug}/notes`);
  await page.getByLabel(/your name in the notes/i).fill('Lin');
  await page.getByRole('button', { name: 'Open the notes' }).click();
  await expect(page.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  await typeLine(page, 'Prepared before the event by Lin');
  await expect.poll(() => exportedText(page), { timeout: 20_000 }).toContain('Prepared before the event by Lin');
  expect(pageErrors).toEqual([]);
  // The pad's colour picker, built only when first opened (Etherpad patch 14), opens with its wheel.
  const pad = page.frameLocator('[data-testid=pad-frame]');
  await pad.locator('[data-key=showusers]').click();
  await pad.locator('#myswatchbox').click();
  await expect(pad.locator('#mycolorpicker.popup-show .farbtastic-mask')).toBeVisible();
  await pad.locator('[data-key=showusers]').click();
  // No call was joined: no video, no SFU peer for this browser.
  await expect(page.locator('video')).toHaveCount(0);

  // The pass ends while the pad is open and unrenewed (a laptop asleep past its renewal): Etherpad
  // refuses the connection at its next edit. The page notices, gets a new pass and reopens the pad.
  const passes = (await context.cookies()).filter((cookie) => cookie.name === 'sessionID');
  const sessionIds = passes.flatMap((cookie) => decodeURIComponent(cookie.value).split(',')).filter(Boolean);
  expect(sessionIds.length).toBeGreaterThan(0);
  for (const sessionID of sessionIds) await etherpadApi('deleteSession', { sessionID });
  const reconnecting = page.getByTestId('pad-reconnecting');
  await expect(async () => {
    await page.keyboard.type('x');
    await expect(reconnecting).toContainText('pass to these notes ended', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(reconnecting).toBeHidden({ timeout: 30_000 });
  await expect(page.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  await expect(padEditor(page).locator('#innerdocbody')).toContainText('Prepared before the event by Lin');

  // Another browser that knows the pad's address but holds no pass gets padmeet's page, not Etherpad's.
  const src = (await page.getByTestId('pad-frame').getAttribute('src'))!;
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  const response = await strangerPage.goto(src);
  expect(response?.status()).toBe(403);
  await expect(strangerPage.getByTestId('pad-denied')).toBeVisible();
  await strangerPage.getByRole('link', { name: /open the notes of this room/i }).click();
  await expect(strangerPage).toHaveURL(new RegExp(`/r/${room.slug}/notes$`));
  const exported = await strangerPage.request.get(src.replace(/\?.*$/, '/export/txt'));
  expect(exported.status()).toBe(403);
  expect(await exported.text()).not.toContain('Prepared before the event');
  await stranger.close();

  // Opening the notes again (a reload) replaces this browser's pass, in Etherpad too: the browser
  // never sends `sessionID` (Path=/pad) to the API, so padmeet reads its own copy of the list.
  const passesNow = async () => (await context.cookies()).filter((cookie) => cookie.name === 'sessionID').flatMap((cookie) => decodeURIComponent(cookie.value).split(',')).filter(Boolean);
  const [before] = await passesNow();
  const { authorID } = (await etherpadApi('getSessionInfo', { sessionID: before! })) as { authorID: string };
  await page.reload();
  await page.getByLabel(/your name in the notes/i).fill('Lin');
  await page.getByRole('button', { name: 'Open the notes' }).click();
  await expect(page.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  const after = await passesNow();
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(before);
  expect(Object.keys((await etherpadApi('listSessionsOfAuthor', { authorID })) ?? {})).toEqual(after);

  // Lin opens the notes in a second tab too (as the room's "Notes in their own tab" does). Both
  // stay in the pad and write in it (Etherpad patch 18: Etherpad 1.8.14 closed the first tab's
  // connection, "Opened in another window").
  const firstPad = (await (await page.getByTestId('pad-frame').elementHandle())!.contentFrame())!;
  await firstPad.evaluate(() => Object.assign(window, { keptByFirstTab: true }));
  const second = await context.newPage();
  await second.goto(`/r/${room.slug}/notes`);
  await second.getByLabel(/your name in the notes/i).fill('Lin');
  await second.getByRole('button', { name: 'Open the notes' }).click();
  await expect(second.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  await typeLine(second, 'Written in the second tab');
  await expect(padEditor(page).locator('#innerdocbody')).toContainText('Written in the second tab', { timeout: 20_000 });
  await typeLine(page, 'Back in the first tab');
  await expect(padEditor(second).locator('#innerdocbody')).toContainText('Back in the first tab', { timeout: 20_000 });
  const both = await exportedText(page);
  for (const line of ['Written in the second tab', 'Back in the first tab']) expect(both.split(line)).toHaveLength(2);
  // Neither tab lost its pad on the way: no reconnect box, and the first tab's pad was never reloaded.
  for (const tab of [page, second]) {
    await expect(tab.getByTestId('pad-reconnecting')).toHaveCount(0);
    await expect(tab.frameLocator('[data-testid=pad-frame]').locator('#connectivity.popup-show')).toHaveCount(0);
  }
  expect(await firstPad.evaluate(() => (window as unknown as { keptByFirstTab?: boolean }).keptByFirstTab)).toBe(true);
  await context.close();
});

test('an unknown room answers 404', async ({ page }) => {
  const res = await page.goto('/r/no-such-room-here');
  expect(res?.status()).toBe(404);
  const bad = await page.goto('/r/Not%20A%20Slug');
  expect(bad?.status()).toBe(404);
});
