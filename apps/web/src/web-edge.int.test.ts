import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventRepository, disconnectAll, getDb } from '@padmeet/data';
import { freePort, spawnProductionServer, stackWebEnv, waitUntilServing } from './testing/production-server';

// What the web app's server does before Next answers (libs/web-edge), through the real server on the
// test stack's build: behind one trusted proxy (so the test can speak for many addresses) and with an
// https public URL (so HSTS is on).
let web: ChildProcess | undefined;
let base = '';
const slug = `int-edge-${randomUUID().slice(0, 8)}`;
const open: AbortController[] = [];

beforeAll(async () => {
  const db = getDb(process.env['DATABASE_URL']!);
  const organiser = randomUUID();
  await db.user.create({ data: { id: organiser, username: `${slug}-org`, displayName: 'Organiser', role: 'organiser', passwordHash: 'scrypt$test' } });
  const events = createEventRepository(db);
  const event = await events.create({ slug, name: 'Edge', startsOn: '2030-03-30', endsOn: '2030-03-31', timeZone: 'UTC' }, organiser);
  await events.update(event.id, { published: true });

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Six live streams per address here (PADMEET_STREAMS_PER_ADDRESS), so the cap is reached quickly.
  web = spawnProductionServer(port, { ...stackWebEnv(), NEXTAUTH_URL: 'https://padmeet.example.org', PADMEET_TRUSTED_PROXIES: '1', PADMEET_STREAMS_PER_ADDRESS: '6' });
  web.stderr?.pipe(process.stderr);
  await waitUntilServing(web, () => fetch(`${base}/api/healthz`).then((r) => r.ok));
}, 90_000);

afterAll(async () => {
  for (const stream of open) stream.abort();
  web?.kill('SIGTERM');
  const db = getDb(process.env['DATABASE_URL']!);
  await db.event.deleteMany({ where: { slug } });
  await db.user.deleteMany({ where: { username: `${slug}-org` } });
  await disconnectAll();
});

/** Opens the event's now/next stream as `address` and keeps it open; resolves with the response (headers read). */
async function stream(address: string): Promise<Response> {
  const controller = new AbortController();
  open.push(controller);
  return fetch(`${base}/api/events/${slug}/now-next`, { headers: { accept: 'text/event-stream', 'x-forwarded-for': address }, signal: controller.signal });
}

describe('in front of Next', () => {
  it('caps open now/next streams per address (429 with Retry-After), frees a place when one closes', async () => {
    const mine = await Promise.all(Array.from({ length: 6 }, () => stream('203.0.113.7')));
    expect(mine.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(mine[0]!.headers.get('content-type')).toMatch(/text\/event-stream/);
    const refused = await stream('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Too many open live streams/);
    expect((await stream('198.51.100.3')).status).toBe(200);
    open[0]!.abort();
    await new Promise((r) => setTimeout(r, 300));
    expect((await stream('203.0.113.7')).status).toBe(200);
  });

  it('refuses an address that asks for too many unknown events (429), not the others', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await fetch(`${base}/api/calendar/${slug}-nope-${i}`, { headers: { 'x-forwarded-for': '192.0.2.99' } })).status);
    expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await fetch(`${base}/api/calendar/${slug}-nope-x`, { headers: { 'x-forwarded-for': '192.0.2.100' } })).status).toBe(404);
  });

  it('counts the schedule page against its client address: unknown /e/<slug> pages use up the same limit, and a limited address gets the 404 page, not a 500', async () => {
    const address = '192.0.2.150';
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await fetch(`${base}/e/${slug}-page-${i}`, { headers: { 'x-forwarded-for': address } })).status);
    expect(statuses.every((status) => status === 404)).toBe(true);
    // The page's reads were this address's: the calendar (same limit) now refuses it, and no one else.
    expect((await fetch(`${base}/api/calendar/${slug}-nope-y`, { headers: { 'x-forwarded-for': address } })).status).toBe(429);
    expect((await fetch(`${base}/api/calendar/${slug}-nope-y`, { headers: { 'x-forwarded-for': '192.0.2.151' } })).status).toBe(404);
    const limited = await fetch(`${base}/e/${slug}-page-x`, { headers: { 'x-forwarded-for': address } });
    expect(limited.status).toBe(404);
    expect(await limited.text()).toMatch(/too many missing events/);
    // An event that exists is still shown to the limited address.
    expect((await fetch(`${base}/e/${slug}`, { headers: { 'x-forwarded-for': address } })).status).toBe(200);
  });

  it('sends HSTS on pages, the API and the pad when the public URL is https, and each its policy', async () => {
    for (const path of ['/signin', '/api/healthz', '/pad/p/int-edge-check']) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      expect(response.headers.get('strict-transport-security'), path).toBe('max-age=63072000');
      expect(response.headers.get('content-security-policy'), path).toMatch(path.startsWith('/pad') ? /frame-ancestors 'self'/ : /frame-ancestors 'none'/);
    }
    const page = await fetch(`${base}/e/${slug}`);
    const policy = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    // The schedule page is kept by the response cache: it keeps the policy whose nonce its scripts carry.
    const again = await fetch(`${base}/e/${slug}`);
    expect(again.headers.get('x-padmeet-cache')).toMatch(/hit|stale/);
    expect(again.headers.get('content-security-policy')).toBe(policy);
    expect(await again.text()).toContain(`nonce="${nonce}"`);
  });
});

describe('the pad on an origin of its own (PADMEET_PAD_ORIGIN)', () => {
  let split: ChildProcess | undefined;
  let app = '';
  let pad = '';

  beforeAll(async () => {
    const [port, padPort] = [await freePort(), await freePort()];
    app = `http://localhost:${port}`;
    pad = `http://localhost:${padPort}`;
    split = spawnProductionServer(port, { ...stackWebEnv(), NEXTAUTH_URL: app, PADMEET_PAD_ORIGIN: pad });
    split.stderr?.pipe(process.stderr);
    // Up once the pad proxy has found the pad page's files (its warm-up, as the stack waits for it).
    const warm = () => fetch(`${pad}/pad/padmeet-files.json`).then(async (r) => r.ok && ((await r.json()) as { files: string[] }).files.length > 0);
    await waitUntilServing(split, warm, 'the pad listener');
  }, 90_000);

  afterAll(() => {
    split?.kill('SIGTERM');
  });

  it("serves the pad there, in an agent cluster of its own, framed by the app's pages only, and readable by them with cookies", async () => {
    const page = await fetch(`${pad}/pad/p/int-edge-check`, { redirect: 'manual' });
    expect(page.headers.get('origin-agent-cluster')).toBe('?1');
    expect(page.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${app}`);
    expect(page.headers.get('x-frame-options')).toBeNull();
    const files = await fetch(`${pad}/pad/padmeet-files.json`, { headers: { origin: app } });
    expect(files.status).toBe(200);
    expect(files.headers.get('access-control-allow-origin')).toBe(app);
    expect(files.headers.get('access-control-allow-credentials')).toBe('true');
    // One answer for every asker, so a cached file serves the pad's own page too.
    expect(files.headers.get('vary') ?? '').not.toMatch(/origin/i);
    const list = (await files.json()) as { files: string[] };
    const script = await fetch(`${pad}/pad/${list.files.find((file) => file.includes('/pad.js'))}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('access-control-allow-origin')).toBe(app);
  });

  it('serves nothing else there: no app pages, no API, no Etherpad API, and no WebSocket but the pad socket', async () => {
    for (const path of ['/', '/api/healthz', '/signin', '/r/zuul-planning']) {
      const response = await fetch(`${pad}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain(`padmeet is at ${app}`);
    }
    for (const path of ['/pad/api/1.2.15/listAllPads', '/pad/admin', '/pad/p/x/import']) {
      expect((await fetch(`${pad}${path}`, { redirect: 'manual' })).status, path).toBeGreaterThanOrEqual(400);
    }
    // An upgrade anywhere but the pad's socket.io is closed without an answer (no Next hot reload here).
    const refused = await new Promise<string>((settle) => {
      const ask = request(`${pad}/_next/webpack-hmr`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      ask.on('upgrade', () => settle('upgraded'));
      ask.on('response', (response) => settle(`answered ${response.statusCode}`));
      ask.on('error', () => settle('refused'));
      ask.end();
    });
    expect(refused).toBe('refused');
  });

  it("lets the app's pages frame and fetch the pad's origin", async () => {
    const response = await fetch(`${app}/signin`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`frame-src 'self' ${pad}`);
    expect(policy).toMatch(new RegExp(`connect-src [^;]*${pad.replace(/[.:/]/g, '\\$&')}`));
    // What is not a document is still answered on the app's origin (socket.io, static files, the file list).
    expect((await fetch(`${app}/pad/padmeet-files.json`)).status).toBe(200);
  });

  it("sends an old link to a pad page, timeslider or export on the app's origin to the pad's origin: no Etherpad document runs on padmeet's", async () => {
    const padPage = '/pad/p/g.AAAAAAAAAAAAAAAA$int-edge-check';
    for (const path of [`${padPage}?showChat=false&userColor=%23a0522d`, `${padPage}/timeslider`, `${padPage}/export/txt`, `${padPage}/3/export/html`]) {
      const response = await fetch(`${app}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(308);
      expect(response.headers.get('location'), path).toBe(`${pad}${path}`);
      expect(await response.text(), path).toBe('');
      // Where it leads: the pad's own listener, which answers it (here padmeet's "no pass" page, as no session was given).
      expect((await fetch(`${pad}${path}`, { redirect: 'manual' })).status, path).toBe(403);
    }
    // A HEAD goes the same way; what the proxy refuses is refused here as before.
    expect((await fetch(`${app}${padPage}`, { method: 'HEAD', redirect: 'manual' })).status).toBe(308);
    expect((await fetch(`${app}/pad/p/int-edge-check`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${app}${padPage}/import`, { method: 'POST', redirect: 'manual' })).status).toBeGreaterThanOrEqual(400);
  });
});
