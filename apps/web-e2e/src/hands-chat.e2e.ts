import { expect, test, type Browser, type Page } from '@playwright/test';
import { personColour } from '@padmeet/contract';
import { createAccount, signIn } from './accounts';
import { createRoom } from './fixtures';
import { createScheduledEvent } from './schedule-fixtures';

// Raised hands and chat (issue 11) in real Chromium against the real web app, SFU and PostgreSQL:
// the queue in the order hands went up, the same for everyone, kept over a reload, the chair
// lowering one and all; chat reaching everyone live, as text with safe links, and a late joiner
// reading what was said. At most three people at once (open streams are capped per address).

async function newPerson(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

async function joinAs(page: Page, path: string, displayName: string | null) {
  await page.goto(path);
  if (displayName !== null) await page.getByLabel(/your name/i).fill(displayName);
  await page.getByRole('button', { name: 'Join room' }).click();
  await expect(page.getByTestId('media-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
}

const queueOf = (page: Page) => page.getByTestId('hands-queue').getByTestId('hand-name');

/** "#1f6fb2" → "rgb(31, 111, 178)", as getComputedStyle reports colours. */
function rgbOf(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

test("hands queue in the order they went up, for everyone and over a reload; a guest lowers only their own; the chair lowers one, then all", async ({ browser }) => {
  const chairAccount = await createAccount({ displayName: 'Chair Carla' });
  const now = Date.now();
  const event = await createScheduledEvent({
    chairIds: [chairAccount.id],
    sessions: [[0, 'Hands session', new Date(now - 10 * 60_000).toISOString(), new Date(now + 50 * 60_000).toISOString()]],
  });
  const path = `/r/${event.rooms[0]!.slug}`;
  const chair = await newPerson(browser);
  const ada = await newPerson(browser);
  const bob = await newPerson(browser);
  try {
    await signIn(chair.page, chairAccount.username, chairAccount.password);
    await joinAs(chair.page, path, null);
    await joinAs(ada.page, path, 'Ada');
    await joinAs(bob.page, path, 'Bob');
    for (const person of [chair, ada, bob]) await expect(person.page.getByTestId('hands-panel')).toHaveAttribute('data-live', 'yes', { timeout: 30_000 });
    await expect(chair.page.getByTestId('hands-queue')).toContainText('No hands raised');

    await ada.page.getByTestId('raise-hand').click();
    await expect(queueOf(ada.page)).toHaveText(['Ada']);
    await bob.page.getByTestId('raise-hand').click();
    // Everyone sees the same queue, in order.
    for (const person of [chair, ada, bob]) await expect(queueOf(person.page)).toHaveText(['Ada', 'Bob'], { timeout: 20_000 });
    await expect(bob.page.getByTestId('raise-hand')).toHaveText('Lower my hand');
    await expect(bob.page.getByTestId('raise-hand')).toHaveAttribute('aria-pressed', 'true');
    // A guest can lower only their own hand: no button on Ada's entry in Bob's page.
    await expect(bob.page.getByRole('button', { name: "Lower Ada's hand" })).toHaveCount(0);
    await expect(bob.page.getByRole('button', { name: 'Lower all hands' })).toHaveCount(0);

    // The order is stored: a reload (and joining again) shows it as it was.
    await joinAs(bob.page, path, 'Bob');
    await expect(queueOf(bob.page)).toHaveText(['Ada', 'Bob'], { timeout: 20_000 });

    // The chair sees the queue first and lowers Ada's hand: gone for everyone.
    await chair.page.getByRole('button', { name: "Lower Ada's hand" }).click();
    for (const person of [chair, ada, bob]) await expect(queueOf(person.page)).toHaveText(['Bob'], { timeout: 20_000 });
    await expect(ada.page.getByTestId('raise-hand')).toHaveText('Raise hand');
    // Ada raises again: to the back.
    await ada.page.getByTestId('raise-hand').click();
    for (const person of [chair, bob]) await expect(queueOf(person.page)).toHaveText(['Bob', 'Ada'], { timeout: 20_000 });

    await chair.page.getByRole('button', { name: 'Lower all hands' }).click();
    for (const person of [chair, ada, bob]) await expect(person.page.getByTestId('hands-queue')).toContainText('No hands raised', { timeout: 20_000 });
  } finally {
    await Promise.all([chair.context.close(), ada.context.close(), bob.context.close()]);
  }
});

test('chat reaches everyone in the room as text with safe links, in the author\'s colour; a late joiner reads what was said', async ({ browser }) => {
  const room = await createRoom('Chat room');
  const path = `/r/${room.slug}`;
  const ada = await newPerson(browser);
  const grace = await newPerson(browser);
  const lin = await newPerson(browser);
  try {
    await joinAs(ada.page, path, 'Ada');
    await joinAs(grace.page, path, 'Grace');
    for (const person of [ada, grace]) {
      await person.page.getByTestId('side-tab-chat').click();
      await expect(person.page.getByTestId('chat-panel')).toHaveAttribute('data-live', 'yes', { timeout: 30_000 });
    }
    await expect(ada.page.getByRole('log', { name: 'Chat messages' })).toHaveAttribute('aria-live', 'polite');

    await ada.page.getByLabel('Message to the room').fill('Hello <b>team</b>, the plan: https://example.org/plan.');
    await ada.page.getByLabel('Message to the room').press('Enter');
    await expect(ada.page.getByLabel('Message to the room')).toHaveValue('');
    const inGrace = grace.page.getByTestId('chat-message');
    await expect(inGrace).toHaveCount(1, { timeout: 20_000 });
    await expect(inGrace.getByTestId('chat-text')).toHaveText('Hello <b>team</b>, the plan: https://example.org/plan.');
    // HTML stays text; the address is a link, opened apart from this page.
    await expect(inGrace.locator('b')).toHaveCount(0);
    const link = inGrace.getByRole('link', { name: 'https://example.org/plan' });
    await expect(link).toHaveAttribute('href', 'https://example.org/plan');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    await expect(link).toHaveAttribute('target', '_blank');
    // Ada's name in her colour (the colour of her subject, as on her tile).
    const adaSubject = await inGrace.getAttribute('data-subject');
    await expect(inGrace.getByText('Ada', { exact: true })).toHaveCSS('color', rgbOf(personColour(adaSubject!)));
    await expect(ada.page.getByTestId('local-tile')).toHaveAttribute('data-colour', personColour(adaSubject!));

    await grace.page.getByLabel('Message to the room').fill('Hi Ada');
    await grace.page.getByRole('button', { name: 'Send' }).click();
    await expect(ada.page.getByTestId('chat-text')).toHaveText(['Hello <b>team</b>, the plan: https://example.org/plan.', 'Hi Ada'], { timeout: 20_000 });

    // Grace leaves; Lin comes late and reads both, in order.
    await grace.context.close();
    await joinAs(lin.page, path, 'Lin');
    await lin.page.getByTestId('side-tab-chat').click();
    await expect(lin.page.getByTestId('chat-text')).toHaveText(['Hello <b>team</b>, the plan: https://example.org/plan.', 'Hi Ada'], { timeout: 30_000 });
    await expect(lin.page.getByTestId('chat-message').nth(1)).toContainText('Grace');
  } finally {
    await Promise.all([ada.context.close(), grace.context.close(), lin.context.close()]);
  }
});
