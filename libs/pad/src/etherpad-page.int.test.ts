import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padProcessIndex } from './pad-process';
import { etherpadApi } from './testing/etherpad-api';

// Etherpad's pad page in real Chromium, straight from the test stack's Etherpad processes (patch 07,
// infra/etherpad/patches/07-pad-page-websocket-first.patch): the page opens socket.io with the
// WebSocket transport first, and still opens over long-polling when WebSockets are refused.
// Needs ETHERPAD_URL and ETHERPAD_API_KEY (infra/scripts/test.sh exports the test stack's) and
// Debian's Chromium at /usr/bin/chromium.
const apiUrl = process.env.ETHERPAD_URL;
const apiKey = process.env.ETHERPAD_API_KEY;
if (!apiUrl || !apiKey) {
  throw new Error('pad integration tests need running Etherpad processes: set ETHERPAD_URL and ETHERPAD_API_KEY, or run them through infra/scripts/test.sh, which starts them for you.');
}
const apiUrls = apiUrl.split(',').map((url) => url.trim().replace(/\/+$/, ''));
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

const api = <T>(base: string, fn: string, args: Record<string, string>) => etherpadApi<T>(base, apiKey, fn, args);

/** A fresh group pad and a session for one person, on the process that serves the pad. */
async function padWithSession(name: string): Promise<{ base: string; padId: string; sessionID: string }> {
  const { groupID } = await api<{ groupID: string }>(apiUrls[0]!, 'createGroupIfNotExistsFor', { groupMapper: `page-it-${run}-${name}` });
  const padId = `${groupID}$${name}`;
  const base = apiUrls[padProcessIndex(padId, apiUrls.length)]!;
  await api(base, 'createGroupPad', { groupID, padName: name, text: `page test ${name}` });
  const { authorID } = await api<{ authorID: string }>(base, 'createAuthorIfNotExistsFor', { authorMapper: `page-it-${run}-${name}`, name: 'Page test' });
  const { sessionID } = await api<{ sessionID: string }>(base, 'createSession', { groupID, authorID, validUntil: String(Math.floor(Date.now() / 1000) + 3600) });
  return { base, padId, sessionID };
}

/** socket.io traffic of a page: its long-polling requests and its WebSockets, in order. */
function recordSocketIo(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    // Engine.io's own requests (not the socket.io.js script the page loads from the same path).
    const transport = new URL(request.url()).searchParams.get('transport');
    if (request.url().includes('/socket.io/') && transport) seen.push(`${request.method()} ${transport}`);
  });
  page.on('websocket', (ws) => {
    if (ws.url().includes('/socket.io/')) seen.push('websocket');
  });
  return seen;
}

/**
 * Has each process minify the pad page's scripts and styles once (1.8.14 does it on the first
 * request of each, which takes tens of seconds on a busy machine), as padmeet's proxy does at start.
 */
async function warmUp(base: string): Promise<void> {
  // Any pad name shows the page's template (editOnly: nothing is created).
  const html = await (await fetch(`${base}/p/padmeet-warm-up`)).text();
  const version = /\?v=([0-9a-f]+)/.exec(html)?.[1];
  const refs = new Set([...html.matchAll(/(?:src|href)=["']\.\.\/([^"']+)["']/g)].map((m) => m[1]!));
  if (version) {
    refs.add(`javascripts/lib/ep_etherpad-lite/static/js/ace2_inner.js?callback=require.define&v=${version}`);
    refs.add(`static/css/iframe_editor.css?v=${version}`);
  }
  for (const ref of refs) await (await fetch(`${base}/${ref}`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
}

let browser: Browser;
beforeAll(async () => {
  for (const base of apiUrls) await warmUp(base);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

async function openPad(name: string, prepare?: (page: Page) => Promise<void>) {
  const { base, padId, sessionID } = await padWithSession(name);
  const context = await browser.newContext();
  await context.addCookies([{ name: 'sessionID', value: sessionID, url: base }]);
  const page = await context.newPage();
  const socketIo = recordSocketIo(page);
  await prepare?.(page);
  await page.goto(`${base}/p/${encodeURIComponent(padId)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  // The editor is ready once Etherpad had CLIENT_VARS over the socket and its frames initialised.
  await page.locator('#editorcontainer.initialized').waitFor({ timeout: 90_000 });
  const text = await page.frameLocator('iframe[name=ace_outer]').frameLocator('iframe[name=ace_inner]').locator('#innerdocbody').innerText({ timeout: 30_000 });
  return { context, socketIo, text };
}

describe("Etherpad's pad page (patch 07)", () => {
  it('opens one socket.io connection, a WebSocket, with no long-polling first', async () => {
    const { context, socketIo, text } = await openPad('websocket');
    try {
      expect(text).toContain('page test websocket');
      expect(socketIo, `socket.io traffic: ${socketIo.join(', ')}`).toEqual(['websocket']);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('falls back to long-polling when WebSockets are refused', async () => {
    let refused = 0;
    const { context, socketIo, text } = await openPad('polling', async (page) => {
      // A proxy on the way that does not pass WebSockets: every socket.io WebSocket is closed at once.
      await page.routeWebSocket(/\/socket\.io\//, (ws) => {
        refused += 1;
        void ws.close();
      });
    });
    try {
      expect(text).toContain('page test polling');
      expect(refused, 'the page never tried a WebSocket').toBeGreaterThan(0);
      expect(socketIo.some((entry) => entry.endsWith('polling')), `socket.io traffic: ${socketIo.join(', ')}`).toBe(true);
    } finally {
      await context.close();
    }
  }, 180_000);
});
