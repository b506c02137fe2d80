import { expect, test, type Page } from '@playwright/test';
import { createAccount, signIn } from './accounts';

/**
 * The security headers of each kind of response (pages, the API, the /pad proxy), and what they
 * are for: no other site can frame padmeet's pages (clickjacking), padmeet frames its own pad,
 * and pages run only the scripts Next rendered with the response's nonce.
 */

const cspOf = (headers: Record<string, string>) => headers['content-security-policy'] ?? '';
const nonceOf = (policy: string) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];

test('pages carry a CSP with a fresh nonce on every script, the API and the pad their own policies', async ({ request, baseURL }) => {
  const first = await request.get('/signin');
  const second = await request.get('/signin');
  const policy = cspOf(first.headers());
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).toContain("object-src 'none'");
  const nonce = nonceOf(policy);
  expect(nonce).toBeTruthy();
  expect(nonceOf(cspOf(second.headers()))).not.toBe(nonce);
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect(first.headers()['x-frame-options']).toBe('DENY');
  expect(first.headers()['x-content-type-options']).toBe('nosniff');
  // The test stack is served over http: no HSTS (a https public URL turns it on; unit-tested in libs/web-edge).
  expect(new URL(baseURL!).protocol === 'https:' || first.headers()['strict-transport-security'] === undefined).toBe(true);

  const api = await request.get('/api/healthz');
  expect(cspOf(api.headers())).toContain("default-src 'none'");
  expect(cspOf(api.headers())).toContain("frame-ancestors 'none'");

  // The pad, on its own origin (the test stack's, as npm start's): framed by padmeet's pages only,
  // in an agent cluster (Chromium: a process) of its own. X-Frame-Options cannot name another origin.
  const padOrigin = process.env['PADMEET_PAD_ORIGIN'] ?? 'http://localhost:3103';
  const pad = await request.get(`${padOrigin}/pad/p/g.E2eHeaderCheck00$e2e-headers-check`, { maxRedirects: 0 });
  expect(cspOf(pad.headers())).toContain(`frame-ancestors 'self' ${new URL(baseURL!).origin}`);
  expect(pad.headers()['x-frame-options']).toBeUndefined();
  expect(pad.headers()['origin-agent-cluster']).toBe('?1');
  expect(pad.headers()['permissions-policy']).toContain('camera=()');
  expect(cspOf(first.headers())).toContain(`frame-src 'self' ${padOrigin}`);
});

/** Puts an iframe of `src` into the page and says whether padmeet's content showed up in it. */
async function frames(page: Page, src: string, marker: string): Promise<boolean> {
  await page.evaluate((url) => {
    const frame = document.createElement('iframe');
    frame.src = url;
    frame.id = 'probe';
    document.body.append(frame);
    return new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  }, src);
  const probe = page.frames().find((f) => f !== page.mainFrame() && f.parentFrame() === page.mainFrame());
  if (!probe) return false;
  return (await probe.locator(marker).count().catch(() => 0)) > 0;
}

test('a page of another origin cannot frame /invites (signed in); padmeet frames its own pad', async ({ browser, baseURL }) => {
  const ticketmaster = await createAccount({ role: 'ticketmaster' });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ticketmaster.username, ticketmaster.password);
  const invites = new URL('/invites', baseURL).href;

  // Another site (its own origin, served by the test itself) frames padmeet's invites page: refused.
  const evil = 'http://evil.padmeet-e2e.test/';
  await page.route(evil, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>elsewhere</title><h1>Another site</h1>' }));
  await page.goto(evil);
  expect(await frames(page, invites, 'text=Invite tokens')).toBe(false);

  // padmeet's own pages may frame the pad (here its refusal page, as no pass was given)…
  await page.goto('/signin');
  expect(await frames(page, '/pad/p/g.E2eFrameCheck000$e2e-frame-check', '[data-testid="pad-denied"]')).toBe(true);
  // …but not each other.
  await page.goto('/signin');
  expect(await frames(page, '/invites', 'text=Invite tokens')).toBe(false);
  await context.close();
});

test('the invites page works under its policy: no script refused', async ({ browser }) => {
  const ticketmaster = await createAccount({ role: 'ticketmaster' });
  const context = await browser.newContext();
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  await signIn(page, ticketmaster.username, ticketmaster.password);
  await page.getByRole('link', { name: 'Invites' }).click();
  await page.getByLabel(/^Note/).fill('csp check (e2e)');
  await page.getByRole('button', { name: 'Create invite token' }).click();
  await expect(page.getByTestId('invite-token')).toHaveText(/^pmi_/);
  expect(refused).toEqual([]);
  await context.close();
});
