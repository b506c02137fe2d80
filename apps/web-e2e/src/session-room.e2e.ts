import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import pg from 'pg';
import { createAccount } from './accounts';
import { createRoom, stack } from './fixtures';

// The room as a session's stage (issue 11): the notes on the main area, a screen share taking it
// for a while, one colour per person, the session's clock under the test clock, extending a
// session, and a phone. Real Chromium (fake camera, fake screen), the real SFU, Etherpad and web app.

async function newPerson(browser: Browser, options: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext(options.viewport ? { viewport: options.viewport, isMobile: true, hasTouch: true } : {});
  return { context, page: await context.newPage() };
}

async function joinAs(page: Page, path: string, displayName: string | null) {
  await page.goto(path);
  if (displayName !== null) await page.getByLabel(/your name/i).fill(displayName);
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.getByTestId('media-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
}

const tileOf = (page: Page, name: string): Locator => page.locator(`[data-testid=remote-tile][data-peer-name="${name}"]`);
const layoutOf = (page: Page) => page.getByTestId('room-layout');

async function area(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  return box ? box.width * box.height : 0;
}

/** "#1f6fb2" → "rgb(31, 111, 178)", as getComputedStyle reports colours. */
function rgbOf(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test('the notes hold the main area with the others on a strip; a screen share takes it and the notes come back; one colour per person on tiles and in the pad; video first is remembered', async ({ browser }) => {
  // Three joins with media and two pads: deep, and slow on a loaded 2-core machine.
  test.setTimeout(360_000);
  const room = await createRoom('Nova stage');
  const ada = await newPerson(browser);
  const grace = await newPerson(browser);
  await joinAs(ada.page, `/r/${room.slug}`, 'Ada');
  await joinAs(grace.page, `/r/${room.slug}`, 'Grace');

  // The notes are the main area; the call is a strip with the others' tiles (and one's own).
  await expect(layoutOf(ada.page)).toHaveAttribute('data-arrangement', 'pad');
  const pad = ada.page.getByTestId('pad-frame');
  await expect(pad).toBeVisible({ timeout: 45_000 });
  const strip = ada.page.getByTestId('tile-strip');
  await expect(strip.locator('[data-testid=remote-tile][data-peer-name="Grace"]')).toHaveAttribute('data-size', 'thumb', { timeout: 45_000 });
  await expect(strip.getByTestId('local-tile')).toBeVisible();
  await expect(ada.page.getByTestId('tile-grid')).toHaveCount(0);
  expect(await area(pad)).toBeGreaterThan(3 * (await area(strip)));
  await expect.poll(async () => Number((await tileOf(ada.page, 'Grace').getByTestId('remote-video').getAttribute('data-frames-decoded')) ?? 0), { timeout: 45_000 }).toBeGreaterThan(0);
  // People and chat are side tabs.
  await expect(ada.page.getByTestId('hands-panel')).toBeVisible();
  await ada.page.getByTestId('side-tab-chat').click();
  await expect(ada.page.getByTestId('chat-panel')).toBeVisible();
  await expect(ada.page.getByTestId('hands-panel')).toBeHidden();

  // One identity: Grace's colour on her tile in Ada's page is the one Grace's own tile shows, and her author colour in the pad.
  const graceColour = await grace.page.getByTestId('local-tile').getAttribute('data-colour');
  expect(graceColour).toMatch(/^#[0-9a-f]{6}$/);
  await expect(tileOf(ada.page, 'Grace')).toHaveAttribute('data-colour', graceColour!);
  await expect(tileOf(ada.page, 'Grace').getByTestId('remote-name')).toHaveCSS('background-color', rgbOf(graceColour!));
  await expect(grace.page.getByTestId('pad-frame')).toHaveAttribute('src', new RegExp(`userColor=${encodeURIComponent(graceColour!)}`));
  const gracePad = grace.page.frameLocator('[data-testid=pad-frame]');
  await expect(gracePad.locator('#editorcontainer.initialized')).toBeVisible({ timeout: 45_000 });
  await expect(gracePad.locator('#myswatch')).toHaveCSS('background-color', rgbOf(graceColour!), { timeout: 20_000 });

  // Grace shares her screen: it takes Ada's main area, the notes step aside (still loaded), and come back when she stops.
  await expect(pad).toBeVisible();
  await pad.evaluate((frame) => frame.setAttribute('data-e2e-mark', 'same-frame'));
  await grace.page.getByTestId('toggle-screen').click();
  const screen = ada.page.locator('[data-testid=screen-tile][data-peer-name="Grace"]');
  await expect(screen).toHaveAttribute('data-size', 'main', { timeout: 45_000 });
  await expect(layoutOf(ada.page)).toHaveAttribute('data-arrangement', 'call');
  await expect(pad).toBeHidden();
  await expect.poll(async () => Number((await screen.getByTestId('screen-video').getAttribute('data-frames-decoded')) ?? 0), { timeout: 45_000 }).toBeGreaterThan(0);
  await grace.page.getByTestId('toggle-screen').click();
  await expect(ada.page.getByTestId('screen-tile')).toHaveCount(0, { timeout: 30_000 });
  await expect(layoutOf(ada.page)).toHaveAttribute('data-arrangement', 'pad');
  await expect(pad).toBeVisible();
  await expect(pad).toHaveAttribute('data-e2e-mark', 'same-frame');

  // One click: video first (the call's grid large, the notes beside it); remembered in this browser.
  await ada.page.getByTestId('toggle-stage').click();
  await expect(layoutOf(ada.page)).toHaveAttribute('data-arrangement', 'video');
  await expect(ada.page.getByTestId('tile-grid')).toBeVisible();
  await expect(pad).toBeVisible();
  expect(await area(ada.page.getByTestId('tile-grid'))).toBeGreaterThan(0);
  await joinAs(ada.page, `/r/${room.slug}`, 'Ada');
  await expect(layoutOf(ada.page)).toHaveAttribute('data-arrangement', 'video');
  await expect(ada.page.getByTestId('toggle-stage')).toHaveText('Notes first');

  for (const person of [ada, grace]) await person.context.close();
});

/** A published event of today (UTC) with one room, a track chaired by `chairId`, and two sessions. */
async function sessionsToday(chairId: string, sessions: Array<[string, Date, Date]>) {
  const suffix = randomBytes(4).toString('hex');
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    const eventSlug = `e2e-clock-${suffix}`;
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, updated_at)
       VALUES (gen_random_uuid(), $1, $2, current_date - 1, current_date + 1, 'UTC', true, now()) RETURNING id`,
      [eventSlug, `E2E clock ${suffix}`],
    );
    const eventId = event.rows[0]!.id;
    const roomSlug = `e2e-clock-${suffix}`;
    const roomRow = await client.query<{ id: string }>(`INSERT INTO room (id, event_id, slug, name) VALUES (gen_random_uuid(), $1, $2, 'Clock room') RETURNING id`, [eventId, roomSlug]);
    const track = await client.query<{ id: string }>(`INSERT INTO track (id, event_id, slug, name, color) VALUES (gen_random_uuid(), $1, 'zuul', 'Zuul', '#2f6f4f') RETURNING id`, [eventId]);
    await client.query(`INSERT INTO track_chair (track_id, user_id) VALUES ($1, $2)`, [track.rows[0]!.id, chairId]);
    const ids: string[] = [];
    for (const [title, start, end] of sessions) {
      const row = await client.query<{ id: string }>(
        `INSERT INTO session (id, track_id, room_id, title, agenda, starts_at, ends_at, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, '', $4, $5, now()) RETURNING id`,
        [track.rows[0]!.id, roomRow.rows[0]!.id, title, start, end],
      );
      ids.push(row.rows[0]!.id);
    }
    return { eventSlug, roomSlug, ids };
  } finally {
    await client.end();
  }
}

const QUARTER = 15 * 60_000;
const hhmm = (instant: Date) => instant.toISOString().slice(11, 16);
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);
/** How the room names `instant` (UTC) at `now`: the time on the same day, "Tue 1 Dec 00:00" past midnight (the test may run at any hour). */
const whenSeenAt = (instant: Date, now: Date) =>
  dayOf(instant) === dayOf(now) ? hhmm(instant) : `${instant.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })} ${hhmm(instant)}`;

test("the session's clock: countdown, the 5-minute warning and the end under the test clock; a chair extends and everyone's countdown moves; an extension into the next session is refused with its reason", async ({ browser }) => {
  test.setTimeout(360_000);
  // "Zuul v5 planning" runs now (real time, so the server lets its chair extend it) and ends at a
  // quarter hour `end`; "Nova placement" follows 15 minutes after it.
  const base = Math.floor(Date.now() / QUARTER) * QUARTER;
  const end = new Date(base + 2 * QUARTER);
  const nextStart = new Date(end.getTime() + QUARTER);
  const chair = await createAccount({ role: 'chair' });
  const { eventSlug, roomSlug, ids } = await sessionsToday(chair.id, [
    ['Zuul v5 planning', new Date(base - QUARTER), end],
    ['Nova placement', nextStart, new Date(nextStart.getTime() + 2 * QUARTER)],
  ]);
  const [zuulId, novaId] = ids as [string, string];
  const at = (instant: number) => `/r/${roomSlug}?at=${new Date(instant).toISOString()}`;

  // Lin's clock starts 5 minutes and 4 seconds before the end: the countdown, then the warning.
  const lin = await newPerson(browser);
  await joinAs(lin.page, at(end.getTime() - 5 * 60_000 - 4_000), 'Lin');
  const linClock = lin.page.getByTestId('session-clock');
  await expect(linClock).toContainText('Now: Zuul v5 planning', { timeout: 30_000 });
  await expect(linClock.getByTestId('countdown')).toHaveAttribute('data-ends-at', end.toISOString());
  await expect(linClock.getByTestId('countdown')).toHaveText(/^0[45]:\d\d$/);
  await expect(lin.page.getByTestId('session-warning')).toBeVisible({ timeout: 30_000 });
  await expect(linClock).toHaveAttribute('data-phase', 'warning');
  await expect(lin.page.getByTestId('extend-session')).toHaveCount(0);

  // Grace's clock starts 3 seconds before the end: the end message, and what is next here, with its details.
  const grace = await newPerson(browser);
  await joinAs(grace.page, at(end.getTime() - 3_000), 'Grace');
  const over = grace.page.getByTestId('session-clock');
  await expect(over).toHaveAttribute('data-phase', 'ended', { timeout: 30_000 });
  await expect(over).toContainText('Zuul v5 planning is over.');
  await expect(over).toContainText(`Next here: Nova placement at ${whenSeenAt(nextStart, end)}.`);
  await expect(over.getByRole('link', { name: 'Nova placement' })).toHaveAttribute('href', `/e/${eventSlug}?session=${novaId}`);

  // The track's chair (real time) extends by 15 minutes: everyone's countdown moves at once.
  const chairPage = await newPerson(browser);
  // Signing in as a person does (the header confirms it once the browser asked who this is; slow when the machine is busy).
  await chairPage.page.goto('/signin');
  await chairPage.page.getByLabel('Username').fill(chair.username);
  await chairPage.page.getByLabel('Password').fill(chair.password);
  await chairPage.page.getByRole('button', { name: 'Sign in' }).click();
  await chairPage.page.waitForURL((url) => url.pathname !== '/signin', { timeout: 60_000 });
  await expect(chairPage.page.getByTestId('signed-in-as')).toBeVisible({ timeout: 60_000 });
  await joinAs(chairPage.page, `/r/${roomSlug}`, null);
  const extended = new Date(end.getTime() + QUARTER);
  await chairPage.page.getByTestId('extend-session').click();
  for (const page of [lin.page, grace.page, chairPage.page]) {
    await expect(page.getByTestId('countdown')).toHaveAttribute('data-ends-at', extended.toISOString(), { timeout: 30_000 });
  }
  await expect(linClock).toHaveAttribute('data-phase', 'running');
  await expect(over).toHaveAttribute('data-phase', 'running');
  await expect(grace.page.getByTestId('session-clock')).toContainText('Now: Zuul v5 planning');

  // Another 15 minutes would run into "Nova placement": refused, saying why; nothing moves.
  await chairPage.page.getByTestId('extend-session').click();
  await expect(chairPage.page.getByTestId('extend-refused')).toHaveText(`The next session here, "Nova placement", starts at ${dayOf(nextStart) === dayOf(extended) ? hhmm(nextStart) : `${dayOf(nextStart)} ${hhmm(nextStart)}`} (UTC); this session cannot run into it.`);
  await expect(lin.page.getByTestId('countdown')).toHaveAttribute('data-ends-at', extended.toISOString());

  // The schedule shows the new end.
  await grace.page.goto(`/e/${eventSlug}?tz=UTC&session=${zuulId}`);
  await expect(grace.page.getByTestId('session-details')).toContainText(`${hhmm(new Date(base - QUARTER))}–${hhmm(extended)}`);

  for (const person of [lin, grace, chairPage]) await person.context.close();
});

test('a phone: one column, a tab bar between the notes, people and chat, the call controls at the thumb', async ({ browser }) => {
  const room = await createRoom('Nova phone');
  const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } });
  const { page } = phone;
  await joinAs(page, `/r/${room.slug}`, 'Mo');

  const tabs = page.getByTestId('room-tabs');
  await expect(tabs).toBeVisible();
  await expect(page.getByTestId('pad-frame')).toBeVisible({ timeout: 45_000 });
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The call's controls sit in the lower part of the screen, above the tab bar, and work.
  const controls = page.getByRole('toolbar', { name: 'Call controls' });
  const box = (await controls.boundingBox())!;
  const bar = (await tabs.boundingBox())!;
  expect(box.y).toBeGreaterThan(844 / 2);
  expect(box.y + box.height).toBeLessThanOrEqual(bar.y + 1);
  await page.getByTestId('toggle-mic').click();
  await expect(page.getByTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'true');

  // One section at a time under the call.
  await page.getByTestId('room-tab-people').click();
  await expect(page.getByTestId('hands-panel')).toBeVisible();
  await expect(page.getByTestId('pad-frame')).toBeHidden();
  await page.getByTestId('room-tab-chat').click();
  await expect(page.getByTestId('chat-panel')).toBeVisible();
  await expect(page.getByTestId('hands-panel')).toBeHidden();
  await page.getByTestId('room-tab-pad').click();
  await expect(page.getByTestId('pad-frame')).toBeVisible();
  await expect(page.getByTestId('chat-panel')).toBeHidden();
  await phone.context.close();
});
