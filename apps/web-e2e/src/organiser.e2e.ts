import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createAccount, signIn } from './accounts';

/** "YYYY-MM-DD", `days` from now (UTC). */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('an organiser creates an event, adds, renames and reorders rooms, adds a track and a chair by username, publishes; the chair can then book', async ({ browser }) => {
  const suffix = randomBytes(4).toString('hex');
  const organiser = await createAccount({ role: 'organiser' });
  const chair = await createAccount({ role: 'chair' });
  const eventName = `E2E Summit ${suffix}`;
  const eventSlug = `e2e-org-${suffix}`;
  const roomSlug = `e2e-org-${suffix}-a`;

  const context = await browser.newContext({ timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  await signIn(page, organiser.username, organiser.password);
  await page.goto('/');
  await page.getByTestId('new-event-link').click();
  await expect(page).toHaveURL(/\/events\/new$/);

  const form = page.getByRole('form', { name: 'New event' });
  // The zone defaults to the browser's (read after hydration, so the form is live once it shows).
  await expect(form.getByLabel(/^Time zone/)).toHaveValue('Europe/Berlin');
  await expect(form.getByRole('button', { name: 'Create event' })).toBeEnabled();
  await form.getByLabel('Name', { exact: true }).fill(eventName);
  await expect(form.getByLabel(/^URL name/)).toHaveValue(`e2e-summit-${suffix}`);
  await form.getByLabel(/^URL name/).fill(eventSlug);
  await form.getByLabel('First day').fill(dayFromNow(3));
  await form.getByLabel('Last day').fill(dayFromNow(2));
  await form.getByRole('button', { name: 'Create event' }).click();
  await expect(form.getByTestId('error-endsOn')).toHaveText('The last day cannot be before the first');
  await expect(page).toHaveURL(/\/events\/new$/);

  await form.getByLabel('Last day').fill(dayFromNow(4));
  await form.getByRole('button', { name: 'Create event' }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${eventSlug}$`));
  await expect(page.getByRole('heading', { name: eventName })).toBeVisible();
  await expect(page.getByText('event time zone Europe/Berlin · draft')).toBeVisible();
  // Now/next is a public stream: a draft has none yet, and says so instead of "connecting…" forever.
  await expect(page.getByTestId('now-next')).toContainText('Shown here, live, once the event is published.');

  const panel = page.getByTestId('organiser-panel');
  await panel.getByText('Manage this event (organisers)').click();

  const addRoom = panel.getByRole('form', { name: 'Add a room' });
  await addRoom.getByLabel(/URL name/).fill(roomSlug);
  await addRoom.getByLabel('Room name').fill('Room A');
  await addRoom.getByLabel('Capacity').fill('20');
  await addRoom.getByRole('button', { name: 'Add room' }).click();
  const room = panel.getByRole('form', { name: `Room ${roomSlug}` });
  await expect(room.getByLabel('Name', { exact: true })).toHaveValue('Room A');
  await expect(room.getByLabel('Capacity')).toHaveValue('20');
  await expect(addRoom.getByLabel(/URL name/)).toHaveValue('');

  const addTrack = panel.getByRole('form', { name: 'Add a track' });
  await addTrack.getByLabel(/URL name/).fill('zuul');
  await addTrack.getByLabel('Track name').fill('Zuul');
  await addTrack.getByRole('button', { name: 'Add track' }).click();
  await expect(panel.getByRole('form', { name: 'Track zuul' })).toBeVisible();

  // Rename the room: its URL name (the pad's name) stays, the grid shows the new name.
  await room.getByLabel('Name', { exact: true }).fill('Zuul war room');
  await room.getByRole('button', { name: 'Save room' }).click();
  const grid = page.getByTestId('schedule-grid');
  await expect(grid.getByRole('link', { name: 'Zuul war room' })).toHaveAttribute('href', `/r/${roomSlug}`);
  await expect(room.getByLabel('Name', { exact: true })).toHaveValue('Zuul war room');

  // A second room comes last; moving it up makes it the grid's first column.
  await addRoom.getByLabel(/URL name/).fill(`e2e-org-${suffix}-b`);
  await addRoom.getByLabel('Room name').fill('Room B');
  await addRoom.getByRole('button', { name: 'Add room' }).click();
  const columns = grid.locator('a[href^="/r/"]');
  await expect(columns).toHaveText(['Zuul war room', 'Room B']);
  await expect(panel.getByRole('button', { name: 'Move Room B down' })).toBeDisabled();
  await panel.getByRole('button', { name: 'Move Room B up' }).click();
  await expect(columns).toHaveText(['Room B', 'Zuul war room']);
  await expect(panel.getByRole('button', { name: 'Move Room B up' })).toBeDisabled();
  await expect(panel.getByTestId('ordered-row').first().getByRole('form')).toHaveAttribute('aria-label', `Room e2e-org-${suffix}-b`);

  // A chair by username: an unknown name is refused next to the field, a known one is listed.
  const addChair = panel.getByRole('form', { name: 'Add a chair to Zuul' });
  await addChair.getByLabel("Chair's username").fill(`nobody-${suffix}`);
  await addChair.getByRole('button', { name: 'Add chair' }).click();
  await expect(addChair.getByTestId('error-username')).toHaveText(`There is no account named "nobody-${suffix}".`);
  await addChair.getByLabel("Chair's username").fill(chair.username);
  await addChair.getByRole('button', { name: 'Add chair' }).click();
  const chairs = panel.getByRole('list', { name: 'Chairs of Zuul' });
  await expect(chairs.getByTestId('chair')).toHaveCount(1);
  await expect(chairs.getByTestId('chair')).toContainText(chair.username);
  await expect(addChair.getByTestId('error-username')).toHaveCount(0);

  // Edit the event itself: a wrong date order is refused next to the field; a new name shows in the heading.
  const details = panel.getByRole('form', { name: 'Event details' });
  await details.getByLabel('Last day').fill(dayFromNow(1));
  await details.getByRole('button', { name: 'Save event' }).click();
  await expect(details.getByTestId('error-endsOn')).toHaveText('The last day cannot be before the first');
  await details.getByLabel('Last day').fill(dayFromNow(4));
  await details.getByLabel('Name', { exact: true }).fill(`${eventName} (renamed)`);
  await details.getByRole('button', { name: 'Save event' }).click();
  await expect(page.getByRole('heading', { name: `${eventName} (renamed)` })).toBeVisible();
  await expect(details.getByTestId('error-endsOn')).toHaveCount(0);

  await panel.getByRole('button', { name: 'Publish' }).click();
  await expect(panel.getByRole('button', { name: 'Unpublish (back to draft)' })).toBeVisible();
  await expect(page.getByText('event time zone Europe/Berlin · draft')).toHaveCount(0);
  await expect(page.getByTestId('now-next')).toHaveAttribute('data-live', 'yes');
  await expect(page.getByTestId('now-next-room')).toHaveText([/Room B/, /Zuul war room/]);
  await context.close();

  // The chair signs in and finds the published event open for booking in their track.
  const chairContext = await browser.newContext({ timezoneId: 'Europe/Berlin' });
  const chairPage = await chairContext.newPage();
  await signIn(chairPage, chair.username, chair.password);
  await chairPage.goto('/');
  await chairPage.getByTestId('event-link').filter({ hasText: `${eventName} (renamed)` }).click();
  await expect(chairPage.getByRole('heading', { name: `${eventName} (renamed)` })).toBeVisible();
  await expect(chairPage.getByRole('button', { name: 'Book a session' })).toBeVisible();
  await expect(chairPage.getByTestId('schedule-grid').getByRole('link', { name: 'Zuul war room' })).toBeVisible();
  // Chairs do not manage the event.
  await expect(chairPage.getByTestId('organiser-panel')).toHaveCount(0);
  await chairContext.close();
});

test('a participant opening /events/new is told who creates events, and sees no form nor home-page link', async ({ page }) => {
  const participant = await createAccount({ role: 'participant' });
  await signIn(page, participant.username, participant.password);
  await page.goto('/events/new');
  await expect(page.getByText('Only organisers and admins create events')).toBeVisible();
  await expect(page.getByRole('form', { name: 'New event' })).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await expect(page.getByTestId('new-event-link')).toHaveCount(0);
});
