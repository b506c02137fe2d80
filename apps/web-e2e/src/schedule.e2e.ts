import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './accounts';
import { createScheduledEvent } from './schedule-fixtures';

test('a chair books a free slot for their track and sees it in the grid; an overlap is refused next to the start field', async ({ browser }) => {
  const chair = await createAccount({ role: 'chair' });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const event = await createScheduledEvent({ chairIds: [chair.id], sessions: [[0, 'Existing talk', `${tomorrow}T10:00:00Z`, `${tomorrow}T11:00:00Z`]] });
  const context = await browser.newContext({ timezoneId: 'UTC' });
  const page = await context.newPage();
  await signIn(page, chair.username, chair.password);
  // The public page as the response cache holds it before the booking (a second read is a hit).
  const schedulePath = `/e/${event.eventSlug}`;
  expect((await page.request.get(schedulePath)).headers()['x-padmeet-cache']).toMatch(/^(miss|hit|stale)$/);
  const before = await page.request.get(schedulePath);
  expect(before.headers()['x-padmeet-cache']).toBe('hit');
  expect(await before.text()).not.toContain('Zuul v5 planning');

  await page.goto('/');
  await page.getByTestId('event-link').filter({ hasText: event.eventName }).click();
  await expect(page.getByRole('heading', { name: event.eventName })).toBeVisible();
  await page.getByRole('button', { name: 'Book a session' }).click();

  const form = page.getByRole('form', { name: 'Book a session' });
  await form.getByLabel('Room').selectOption({ label: 'Alpha room' });
  await form.getByLabel(/^Day/).fill(event.days[0]);
  // Free slots of that room and day are offered: the morning up to the existing talk, and after it.
  await expect(form.getByTestId('free-slots')).toContainText('00:00–10:00');
  await expect(form.getByTestId('free-slots')).toContainText('11:00–24:00');

  await form.getByLabel('Title', { exact: true }).fill('Zuul v5 planning');
  await form.getByLabel('Start', { exact: true }).fill('10:30');
  await form.getByLabel('End', { exact: true }).fill('11:30');
  await form.getByRole('button', { name: 'Book' }).click();
  await expect(form.getByTestId('error-start')).toContainText('The room is taken from');
  await expect(form.getByTestId('error-start')).toContainText('"Existing talk"');

  await form.getByLabel('Start', { exact: true }).fill('11:00');
  await form.getByLabel('End', { exact: true }).fill('12:00');
  await form.getByRole('button', { name: 'Book' }).click();
  await expect(form).toHaveCount(0);

  const booked = page.getByTestId('session').filter({ hasText: 'Zuul v5 planning' });
  await expect(booked).toBeVisible();
  await expect(booked.getByTestId('session-time')).toHaveText('11:00–12:00');
  await expect(booked.getByRole('link', { name: 'Zuul v5 planning' })).toHaveAttribute('href', `/r/${event.rooms[0]!.slug}`);
  // The booking dropped the cached page at once: the server-rendered HTML has it (no script needed).
  const after = await page.request.get(schedulePath);
  expect(after.headers()['x-padmeet-cache']).toBe('miss');
  expect(after.headers()['cache-control']).toContain('s-maxage=2');
  expect(await after.text()).toContain('Zuul v5 planning');
  // Still there after a reload: it was written, not only shown.
  await page.reload();
  await expect(page.getByTestId('session').filter({ hasText: 'Zuul v5 planning' })).toBeVisible();
  await context.close();
});

test("a booking reaches a visitor's open schedule without a reload: now/next and the grid (server push)", async ({ browser }) => {
  const chair = await createAccount({ role: 'chair' });
  const event = await createScheduledEvent({ chairIds: [chair.id] });
  const visitorContext = await browser.newContext({ timezoneId: 'UTC' });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/e/${event.eventSlug}`);
  const beta = visitor.getByTestId('now-next-room').filter({ hasText: 'Beta room' });
  await expect(visitor.getByTestId('now-next')).toHaveAttribute('data-live', 'yes');
  await expect(beta.getByTestId('next')).toHaveText('Nothing later');
  const navigations: string[] = [];
  visitor.on('framenavigated', (frame) => navigations.push(frame.url()));

  const chairContext = await browser.newContext({ timezoneId: 'UTC' });
  const page = await chairContext.newPage();
  await signIn(page, chair.username, chair.password);
  await page.goto(`/e/${event.eventSlug}`);
  await page.getByRole('button', { name: 'Book a session' }).click();
  const form = page.getByRole('form', { name: 'Book a session' });
  await form.getByLabel('Room').selectOption({ label: 'Beta room' });
  await form.getByLabel(/^Day/).fill(event.days[0]);
  await form.getByLabel('Title', { exact: true }).fill('Docs sprint');
  await form.getByLabel('Start', { exact: true }).fill('09:00');
  await form.getByLabel('End', { exact: true }).fill('10:00');
  await form.getByRole('button', { name: 'Book' }).click();
  await expect(form).toHaveCount(0);

  await expect(beta.getByTestId('next')).toContainText('Next: Docs sprint');
  const booked = visitor.getByTestId('session').filter({ hasText: 'Docs sprint' });
  await expect(booked.getByTestId('session-time')).toHaveText('09:00–10:00');
  expect(navigations).toEqual([]);
  await chairContext.close();
  await visitorContext.close();
});

test('a visitor in another time zone sees local times, and can switch zones', async ({ browser }) => {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const event = await createScheduledEvent({ sessions: [[1, 'Placement cleanup', `${tomorrow}T10:00:00Z`, `${tomorrow}T11:30:00Z`]] });
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await page.goto(`/e/${event.eventSlug}`);
  await expect(page.getByTestId('zone-select')).toHaveValue('Asia/Tokyo');
  const session = page.getByTestId('session').filter({ hasText: 'Placement cleanup' });
  // 10:00-11:30 UTC is 19:00-20:30 in Tokyo (UTC+9).
  await expect(session.getByTestId('session-time')).toHaveText('19:00–20:30');
  await page.getByTestId('zone-select').selectOption('America/New_York');
  await expect(session.getByTestId('session-time')).toHaveText(/^(05:00–06:30|06:00–07:30)$/);
  await page.getByTestId('zone-select').selectOption('UTC');
  await expect(session.getByTestId('session-time')).toHaveText('10:00–11:30');
  await context.close();
});

test("a session's details show its agenda as formatted text (HTML in it stays text), and a link opens them", async ({ browser }) => {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const agenda = '## Topics\n\n- Zuul v5 <b>not bold</b> <script>window.ranAgenda = 1</script>\n- [ ] review https://opendev.org/zuul\n';
  const event = await createScheduledEvent({ sessions: [[1, 'Placement cleanup', `${tomorrow}T10:00:00Z`, `${tomorrow}T11:30:00Z`, agenda]] });
  const context = await browser.newContext({ timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.goto(`/e/${event.eventSlug}`);
  await page.getByRole('button', { name: 'Details of Placement cleanup' }).click();

  const details = page.getByRole('dialog', { name: 'Placement cleanup' });
  await expect(details).toContainText('10:00–11:30');
  await expect(details.getByRole('link', { name: 'Join Beta room' })).toHaveAttribute('href', `/r/${event.rooms[1]!.slug}`);
  const written = details.getByTestId('agenda');
  await expect(written.getByRole('heading', { name: 'Topics' })).toBeVisible();
  await expect(written.getByRole('listitem')).toHaveCount(2);
  await expect(written.getByRole('listitem').first()).toHaveText('Zuul v5 <b>not bold</b> <script>window.ranAgenda = 1</script>');
  await expect(written.locator('b, script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { ranAgenda?: number }).ranAgenda)).toBeUndefined();
  await expect(written.getByRole('link', { name: 'https://opendev.org/zuul' })).toHaveAttribute('rel', /noopener/);

  // The details have their own address; closing them takes it back.
  await expect(page).toHaveURL(/[?&]session=/);
  const address = page.url();
  await details.getByRole('button', { name: 'Close' }).click();
  await expect(details).toHaveCount(0);
  await expect(page).not.toHaveURL(/session=/);
  await page.goto(address);
  await expect(page.getByRole('dialog', { name: 'Placement cleanup' })).toBeVisible();
  await context.close();
});

test("a room's page names its event and says what is on there now and next, linking to the session's details", async ({ page }) => {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const event = await createScheduledEvent({ sessions: [[0, 'Gate stability', `${tomorrow}T13:00:00Z`, `${tomorrow}T14:00:00Z`]] });
  await page.goto(`/r/${event.rooms[0]!.slug}`);
  await expect(page.getByRole('link', { name: event.eventName })).toHaveAttribute('href', `/e/${event.eventSlug}`);
  const line = page.getByTestId('room-now-next');
  await expect(line).toContainText('No session here now');
  await expect(line).toContainText('Next: Gate stability at');
  await line.getByRole('link', { name: 'Gate stability' }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${event.eventSlug}\\?session=`));
  await expect(page.getByRole('dialog', { name: 'Gate stability' })).toBeVisible();
});

test('now/next changes by itself when a session starts (server push, test clock)', async ({ page }) => {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const event = await createScheduledEvent({ sessions: [[0, 'Gate stability', `${tomorrow}T13:00:00Z`, `${tomorrow}T14:00:00Z`]] });
  // The test stack lets the stream's clock start 3 s before the session (PADMEET_TEST_CLOCK=1).
  await page.goto(`/e/${event.eventSlug}?tz=UTC&at=${tomorrow}T12:59:57Z`);
  const alpha = page.getByTestId('now-next-room').filter({ hasText: 'Alpha room' });
  await expect(alpha.getByTestId('now')).toHaveText('Now: free');
  await expect(alpha.getByTestId('next')).toHaveText('Next: Gate stability at 13:00');
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => navigations.push(frame.url()));
  await expect(alpha.getByTestId('now')).toContainText('Now: Gate stability', { timeout: 15_000 });
  await expect(alpha.getByTestId('now')).toContainText('until 14:00');
  await expect(alpha.getByTestId('next')).toHaveText('Nothing later');
  expect(navigations).toEqual([]);
});

test('now/next as JSON comes from the response cache; the live stream and the test clock reach Next', async ({ request }) => {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const event = await createScheduledEvent({ sessions: [[0, 'Release checklist', `${tomorrow}T09:00:00Z`, `${tomorrow}T10:00:00Z`]] });
  const path = `/api/events/${event.eventSlug}/now-next`;
  const first = await request.get(path);
  expect(first.ok()).toBe(true);
  const second = await request.get(path);
  expect(second.headers()['x-padmeet-cache']).toBe('hit');
  const body = (await second.json()) as { rooms: Array<{ next: { title: string } | null }>; nextChangeAt: string };
  expect(body.rooms.map((r) => r.next?.title ?? null)).toContain('Release checklist');
  expect(body.nextChangeAt).toBe(`${tomorrow}T09:00:00.000Z`);
  const clocked = await request.get(`${path}?at=${tomorrow}T09:30:00Z`);
  expect(clocked.headers()['x-padmeet-cache']).toBeUndefined();
  expect(((await clocked.json()) as { rooms: Array<{ current: { title: string } | null }> }).rooms.map((r) => r.current?.title ?? null)).toContain('Release checklist');
  expect((await request.get('/api/events/no-such-event/now-next')).status()).toBe(404);
});
