import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import pg from 'pg';
import { createAccount, signIn } from './accounts';
import { stack } from './fixtures';

// The chair's controls (issue 11) in real Chromium (fake camera, microphone and screen), the real
// SFU and web app: the track's chair mutes a guest, who reads who did it and unmutes; stops a
// screen share; removes a guest, who reads why and cannot get back in, with the same join token
// or by joining again. The server's own refusals of non-moderators are in
// libs/sfu-core/src/moderation/moderation.int.test.ts (without the UI).

/** A published event of today (UTC) with one room whose session, of a track `chairId` chairs, runs now. */
async function roomWithRunningSession(chairId: string): Promise<{ roomSlug: string; eventSlug: string }> {
  const suffix = randomBytes(4).toString('hex');
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    const eventSlug = `e2e-chair-${suffix}`;
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, updated_at)
       VALUES (gen_random_uuid(), $1, $2, current_date - 1, current_date + 1, 'UTC', true, now()) RETURNING id`,
      [eventSlug, `E2E chair ${suffix}`],
    );
    const eventId = event.rows[0]!.id;
    const roomSlug = `e2e-chair-${suffix}`;
    const room = await client.query<{ id: string }>(`INSERT INTO room (id, event_id, slug, name) VALUES (gen_random_uuid(), $1, $2, 'Chair room') RETURNING id`, [eventId, roomSlug]);
    const track = await client.query<{ id: string }>(`INSERT INTO track (id, event_id, slug, name, color) VALUES (gen_random_uuid(), $1, 'nova', 'Nova', '#2f6f4f') RETURNING id`, [eventId]);
    await client.query(`INSERT INTO track_chair (track_id, user_id) VALUES ($1, $2)`, [track.rows[0]!.id, chairId]);
    await client.query(
      `INSERT INTO session (id, track_id, room_id, title, agenda, starts_at, ends_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 'Nova planning', '', now() - interval '30 minutes', now() + interval '90 minutes', now())`,
      [track.rows[0]!.id, room.rows[0]!.id],
    );
    return { roomSlug, eventSlug };
  } finally {
    await client.end();
  }
}

async function newPerson(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

async function join(page: Page, roomSlug: string, displayName: string | null) {
  await page.goto(`/r/${roomSlug}`);
  if (displayName !== null) await page.getByLabel(/your name/i).fill(displayName);
  await page.getByRole('button', { name: 'Join room' }).click();
}

const live = (page: Page) => expect(page.getByTestId('media-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
const tileOf = (page: Page, name: string): Locator => page.locator(`[data-testid=remote-tile][data-peer-name="${name}"]`);
const controlsOf = (page: Page, name: string, kind: 'remote-tile' | 'screen-tile' = 'remote-tile'): Locator =>
  page.locator(`[data-testid=${kind}][data-peer-name="${name}"] [data-testid=moderation-controls]`);
const noticeOf = (page: Page, text: string): Locator => page.getByTestId('moderation-notice').filter({ hasText: text });

/** The SFU's answer to `join` over a WebSocket the page opens with `url` (a join token the page used). */
function joinOver(page: Page, url: string): Promise<unknown> {
  return page.evaluate(
    (socketUrl) =>
      new Promise((resolve) => {
        const socket = new WebSocket(socketUrl);
        socket.onopen = () => socket.send(JSON.stringify({ id: 1, type: 'getRouterRtpCapabilities' }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { id?: number; ok?: boolean; data?: { rtpCapabilities: unknown } };
          if (message.id === 1 && message.ok) socket.send(JSON.stringify({ id: 2, type: 'join', rtpCapabilities: message.data?.rtpCapabilities, transports: ['recv'] }));
          else if (message.id === 1 || message.id === 2) {
            resolve(message);
            socket.close();
          }
        };
        socket.onclose = (event) => resolve({ closed: event.code });
      }),
    url,
  );
}

test("a chair mutes a guest (who reads who did it and unmutes), stops a screen share, and removes a guest, who reads why and cannot get back in with the same token or by joining again", async ({ browser }) => {
  const chair = await createAccount({ role: 'chair', displayName: 'Chair Carla' });
  const { roomSlug, eventSlug } = await roomWithRunningSession(chair.id);
  const carla = await newPerson(browser);
  await signIn(carla.page, chair.username, chair.password);
  await join(carla.page, roomSlug, null);
  const pat = await newPerson(browser);
  await join(pat.page, roomSlug, 'Pat');
  const gus = await newPerson(browser);
  const gusSockets: string[] = [];
  gus.page.on('websocket', (socket) => {
    if (socket.url().includes('/ws?token=')) gusSockets.push(socket.url());
  });
  await join(gus.page, roomSlug, 'Gus');
  for (const person of [carla, pat, gus]) await live(person.page);

  // Only the chair sees the controls; guests see none, on anyone's tile.
  await expect(controlsOf(carla.page, 'Pat')).toBeVisible({ timeout: 45_000 });
  await expect(controlsOf(carla.page, 'Gus')).toBeVisible({ timeout: 45_000 });
  await expect(tileOf(pat.page, 'Gus')).toBeVisible({ timeout: 45_000 });
  await expect(tileOf(pat.page, 'Chair Carla')).toBeVisible();
  await expect(pat.page.getByTestId('moderation-controls')).toHaveCount(0);
  await expect(gus.page.getByTestId('moderation-controls')).toHaveCount(0);

  // The chair mutes Pat: the SFU pauses Pat's microphone, Pat reads who did it, the others see it.
  await expect(tileOf(carla.page, 'Pat')).toHaveAttribute('data-mic-muted', 'false', { timeout: 45_000 });
  await controlsOf(carla.page, 'Pat').getByTestId('moderate-mute').click();
  await expect(tileOf(carla.page, 'Pat')).toHaveAttribute('data-mic-muted', 'true');
  await expect(tileOf(gus.page, 'Pat')).toHaveAttribute('data-mic-muted', 'true');
  const mutedNotice = noticeOf(pat.page, 'Chair Carla muted your microphone.');
  await expect(mutedNotice).toHaveAttribute('data-for-me', 'true');
  await expect(pat.page.getByTestId('toggle-mic')).toHaveText('Unmute');
  await expect(pat.page.getByTestId('local-tile')).toHaveAttribute('data-mic-muted', 'true');
  await expect(noticeOf(gus.page, 'Chair Carla muted Pat’s microphone.')).toBeVisible();
  await expect(noticeOf(carla.page, 'You muted Pat’s microphone.')).toBeVisible();
  // Pat unmutes from the notice: the others hear Pat again.
  await mutedNotice.getByTestId('moderation-unmute').click();
  await expect(pat.page.getByTestId('toggle-mic')).toHaveText('Mute');
  await expect(tileOf(carla.page, 'Pat')).toHaveAttribute('data-mic-muted', 'false', { timeout: 30_000 });
  await expect(tileOf(gus.page, 'Pat')).toHaveAttribute('data-mic-muted', 'false', { timeout: 30_000 });

  // Pat shares a screen; the chair stops it: it goes for everyone and Pat's page is no longer sharing.
  await pat.page.getByTestId('toggle-screen').click();
  await expect(pat.page.getByTestId('toggle-screen')).toHaveText('Stop sharing');
  await controlsOf(carla.page, 'Pat', 'screen-tile').getByTestId('moderate-stop-screen').click({ timeout: 45_000 });
  for (const page of [carla.page, gus.page]) await expect(page.getByTestId('screen-tile')).toHaveCount(0, { timeout: 30_000 });
  await expect(pat.page.getByTestId('toggle-screen')).toHaveText('Share screen');
  await expect(noticeOf(pat.page, 'Chair Carla stopped your screen share.')).toBeVisible();

  // The chair removes Gus, with a reason: Gus reads it, with the way back to the schedule; the others see Gus go.
  expect(gusSockets.length).toBeGreaterThan(0);
  const gusToken = gusSockets.at(-1)!;
  await controlsOf(carla.page, 'Gus').getByTestId('moderate-remove').click();
  const dialog = carla.page.getByTestId('moderate-remove-dialog');
  await expect(dialog).toContainText('Remove Gus from the room?');
  await dialog.getByTestId('moderate-remove-reason').fill('Please take this to the Zuul room');
  await dialog.getByTestId('moderate-remove-confirm').click();
  const refusal = gus.page.getByTestId('media-refusal');
  await expect(refusal).toHaveAttribute('data-refusal', 'removed', { timeout: 30_000 });
  await expect(refusal).toContainText('Chair Carla removed you from this room: “Please take this to the Zuul room”');
  await expect(refusal.getByRole('link', { name: 'Back to the schedule' })).toHaveAttribute('href', `/e/${eventSlug}`);
  for (const page of [carla.page, pat.page]) await expect(tileOf(page, 'Gus')).toHaveCount(0, { timeout: 30_000 });
  await expect(noticeOf(pat.page, 'Chair Carla removed Gus from the room: “Please take this to the Zuul room”')).toBeVisible();
  await expect(dialog).toHaveCount(0);

  // The same join token is refused by the SFU...
  expect(await joinOver(gus.page, gusToken)).toMatchObject({ id: 2, ok: false, error: { code: 'FORBIDDEN', refusal: 'removed' } });
  // ... and so is joining again from the room's page (a new token for the same guest).
  await join(gus.page, roomSlug, 'Gus');
  await expect(gus.page.getByTestId('media-refusal')).toHaveAttribute('data-refusal', 'removed', { timeout: 45_000 });
  await expect(gus.page.getByTestId('media-refusal')).toContainText('Chair Carla removed you from this room; you cannot join it again for now.');
  await expect(tileOf(carla.page, 'Gus')).toHaveCount(0);
  await expect(tileOf(pat.page, 'Chair Carla')).toBeVisible();

  for (const person of [carla, pat, gus]) await person.context.close();
});
