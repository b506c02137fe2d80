import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import pg from 'pg';
import { createAccount, signIn } from './accounts';
import { stack } from './fixtures';

// The notes archive (issue 12) the real way: a session running now, a participant (its track's
// chair, signed in) joins the room and writes in the pad; when the session ends, the web server's
// snapshot jobs record what was written, the SFU's joins record who attended, and the participant
// finds the notes from the schedule page, searches them and downloads the event's zip.

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** A published event in UTC (yesterday to tomorrow) with one room, one track chaired by `chairId`, and one session [startsAt, endsAt). */
async function createEventWithSession(options: { chairId?: string; membersOnly?: boolean; startsAt: Date; endsAt: Date; title: string }) {
  const suffix = randomBytes(4).toString('hex');
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    const eventSlug = `e2e-notes-${suffix}`;
    const today = new Date();
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, members_only, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, 'UTC', true, $5, now()) RETURNING id`,
      [eventSlug, `E2E notes ${suffix}`, iso(new Date(today.getTime() - 86_400_000)), iso(new Date(today.getTime() + 86_400_000)), options.membersOnly ?? false],
    );
    const eventId = event.rows[0]!.id;
    const roomSlug = `e2e-notes-${suffix}`;
    const room = await client.query<{ id: string }>(`INSERT INTO room (id, event_id, slug, name) VALUES (gen_random_uuid(), $1, $2, 'Archive room') RETURNING id`, [eventId, roomSlug]);
    const track = await client.query<{ id: string }>(`INSERT INTO track (id, event_id, slug, name, color) VALUES (gen_random_uuid(), $1, 'zuul', 'Zuul', '#2f6f4f') RETURNING id`, [eventId]);
    if (options.chairId) await client.query(`INSERT INTO track_chair (track_id, user_id) VALUES ($1, $2)`, [track.rows[0]!.id, options.chairId]);
    const session = await client.query<{ id: string }>(
      `INSERT INTO session (id, track_id, room_id, title, agenda, starts_at, ends_at, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, '1. Release plan', $4, $5, now()) RETURNING id`,
      [track.rows[0]!.id, room.rows[0]!.id, options.title, options.startsAt, options.endsAt],
    );
    return { eventSlug, roomSlug, sessionId: session.rows[0]!.id };
  } finally {
    await client.end();
  }
}

/** The pad's editable body: Etherpad nests its editor in two iframes inside padmeet's. */
function padEditor(page: Page): FrameLocator {
  return page.frameLocator('[data-testid=pad-frame]').frameLocator('iframe[name="ace_outer"]').frameLocator('iframe[name="ace_inner"]');
}

async function typeLine(page: Page, line: string) {
  const body = padEditor(page).locator('#innerdocbody');
  await body.locator('div').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line, { delay: 20 });
}

async function exportedText(page: Page): Promise<string> {
  const src = (await page.getByTestId('pad-frame').getAttribute('src')) ?? '';
  const response = await page.request.get(src.replace(/\?.*$/, '/export/txt'));
  return response.ok() ? response.text() : '';
}

test("after a session ends, a participant reads its notes from the schedule, searches the event's notes and downloads them", async ({ browser }) => {
  test.setTimeout(420_000);
  const word = `quokka${randomBytes(3).toString('hex').replace(/[0-9]/g, 'x')}`;
  const chair = await createAccount({ displayName: `Chair ${word.slice(-4)}` });
  // Running now, and ending in 2 minutes: long enough to join and write on a loaded machine.
  const startsAt = new Date(Date.now() - 60 * 60_000);
  const endsAt = new Date(Date.now() + 120_000);
  const title = `Zuul archive ${word.slice(-6)}`;
  const fixture = await createEventWithSession({ chairId: chair.id, startsAt, endsAt, title });

  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, chair.username, chair.password);

  // In the session: join the room (the SFU records the join), write a line in the pad.
  await page.goto(`/r/${fixture.roomSlug}`);
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.frameLocator('[data-testid=pad-frame]').locator('#editorcontainer.initialized')).toBeVisible({ timeout: 90_000 });
  await typeLine(page, `Decided: the ${word} release ships on Friday`);
  // Etherpad sends edits in batches: wait until the server holds the whole line before leaving the page,
  // or the end of it is lost with the page (and the snapshot holds "…ships on Frid").
  await expect.poll(() => exportedText(page), { timeout: 30_000 }).toContain(`Decided: the ${word} release ships on Friday`);

  // The schedule page: once the session is over (the browser's clock), it links the session's notes.
  await page.goto(`/e/${fixture.eventSlug}`);
  const session = page.locator(`[data-session-id="${fixture.sessionId}"]`);
  await expect(session).toBeVisible();
  await expect(session.getByTestId('session-notes-link')).toBeVisible({ timeout: Math.max(0, endsAt.getTime() - Date.now()) + 60_000 });
  await session.getByTestId('session-notes-link').click();
  await expect(page).toHaveURL(new RegExp(`/e/${fixture.eventSlug}/notes/${fixture.sessionId}$`));
  await expect(page.getByTestId('session-notes-title')).toHaveText(title);

  // The snapshot job takes the notes right after the end ("Snapshot pending" until then).
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await page.getByTestId('session-notes-change').count()) > 0 ? page.getByTestId('session-notes-change').innerText() : 'pending';
      },
      { timeout: 90_000, intervals: [1_000, 2_000, 3_000] },
    )
    .toContain(`Decided: the ${word} release ships on Friday`);
  await expect(page.getByTestId('notes-authors')).toContainText(chair.displayName);
  // The track's chair sees who attended (from the SFU's joins, reported to the web app).
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId('attendance').innerText();
      },
      { timeout: 60_000, intervals: [1_000, 2_000, 3_000] },
    )
    .toContain(chair.displayName);

  // Search across the event's notes: the word is found in this session, highlighted.
  await page.getByRole('link', { name: /^Notes of / }).click();
  await page.getByRole('searchbox', { name: 'Search the notes of this event' }).fill(word);
  await page.getByRole('button', { name: 'Search' }).click();
  const hit = page.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit.getByRole('link', { name: title })).toBeVisible();
  await expect(hit.locator('mark')).toHaveText([word]);

  // The event's zip: an index, and the session as Markdown and HTML with its facts and attendees.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-zip').click()]);
  expect(download.suggestedFilename()).toBe(`${fixture.eventSlug}-notes.zip`);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const names = Object.keys(files).sort();
  const stem = `${iso(startsAt)}-${startsAt.toISOString().slice(11, 16).replace(':', '')}_${fixture.roomSlug}_zuul-archive-${word.slice(-6)}`;
  expect(names).toEqual([`${fixture.eventSlug}-notes/${stem}.html`, `${fixture.eventSlug}-notes/${stem}.md`, `${fixture.eventSlug}-notes/README.md`]);
  const markdown = strFromU8(files[`${fixture.eventSlug}-notes/${stem}.md`]!);
  expect(markdown).toContain(`# ${title}\n`);
  expect(markdown).toContain('- **Room:** Archive room');
  expect(markdown).toContain('- **Track:** Zuul');
  expect(markdown).toContain(`- **Chairs:** ${chair.displayName}`);
  expect(markdown).toContain(`- **Attended:** ${chair.displayName}`);
  expect(markdown).toContain(`Decided: the ${word} release ships on Friday`);
  expect(strFromU8(files[`${fixture.eventSlug}-notes/README.md`]!)).toContain(`[${title}](${stem}.md)`);
  await context.close();
});

test("a guest cannot read a members-only event's notes: pages, search and downloads refused", async ({ browser }) => {
  const fixture = await createEventWithSession({ membersOnly: true, startsAt: new Date(Date.now() - 2 * 3600_000), endsAt: new Date(Date.now() - 3600_000), title: 'Members only planning' });
  const guest = await browser.newContext();
  const page = await guest.newPage();
  for (const path of [`/e/${fixture.eventSlug}/notes`, `/e/${fixture.eventSlug}/notes?q=planning`, `/e/${fixture.eventSlug}/notes/${fixture.sessionId}`]) {
    await page.goto(path);
    await expect(page.getByTestId('notes-refused')).toHaveText('The notes of this event are for members only: please sign in.');
    await expect(page.getByTestId('archived-session')).toHaveCount(0);
    await expect(page.getByText('Members only planning')).toHaveCount(0);
  }
  for (const path of [`/api/notes/${fixture.eventSlug}.zip`, `/api/notes/${fixture.eventSlug}/${fixture.sessionId}.md`]) {
    const response = await page.request.get(path);
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toContain('Members only planning');
  }
  await guest.close();
});
