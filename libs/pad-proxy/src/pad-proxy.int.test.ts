import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPadService } from '@padmeet/pad';
import { connectEtherpadSocket, EtherpadSocketError, insertedText, type EtherpadSocket } from '@padmeet/pad/testing';

// Through the web app's own server (the test stack's production build) to the real Etherpad
// processes: infra/scripts/test.sh starts them and exports these.
const webUrl = process.env['PADMEET_WEB_URL'];
const etherpadUrl = process.env['ETHERPAD_URL'];
const apiKey = process.env['ETHERPAD_API_KEY'];
if (!webUrl || !etherpadUrl || !apiKey) throw new Error('PADMEET_WEB_URL, ETHERPAD_URL and ETHERPAD_API_KEY are not set: run integration tests through `npm test` (infra/scripts/test.sh)');

const pads = createPadService({ apiUrls: etherpadUrl.split(','), apiKey });
const run = randomBytes(4).toString('hex');
const secret = `members-only secret ${run}`;
// Where browsers open pads: the pad's own origin when the stack has one (the app's origin sends pad
// pages there, and fetch drops the cookie on a redirect to another origin), else /pad on the app's.
const padBase = `${process.env['PADMEET_PAD_ORIGIN'] ?? webUrl}/pad`;

interface Opened {
  padId: string;
  groupId: string;
  sessionId: string;
}

/** What padmeet does when it opens a room's notes for a person (room.openNotes), straight through the pad service. */
async function openRoom(event: string, room: string, person: string): Promise<Opened> {
  const groupId = await pads.createEventGroup(`it-proxy-${event}-${run}`);
  const { padId } = await pads.ensureRoomPad({ groupId, roomSlug: `it-proxy-${room}-${run}` }, `${room} notes\n`);
  return { padId, groupId, sessionId: await sessionFor(groupId, person) };
}

/** Another person's pass to the same event's pads (Etherpad lets one author hold a pad open once). */
async function sessionFor(groupId: string, person: string): Promise<string> {
  const author = await pads.ensureAuthor(`it-proxy:${person}:${run}`, person);
  return pads.createSession(groupId, author, new Date(Date.now() + 10 * 60_000));
}

const cookie = (sessionId?: string): Record<string, string> => (sessionId ? { cookie: `sessionID=${sessionId}` } : {});

/** The web server's count of pad WebSockets handed to Etherpad (libs/pad-proxy/src/handoff.ts), from its metrics. */
async function handedWebSockets(): Promise<number> {
  const response = await fetch(`${process.env['WEB_METRICS_URL']}/metrics`, { headers: { authorization: `Bearer ${process.env['METRICS_TOKEN']}` } });
  expect(response.status).toBe(200);
  return Number(/^padmeet_web_pad_websockets_handed_total (\d+)$/m.exec(await response.text())?.[1] ?? Number.NaN);
}
// The test stack starts Etherpad itself, so its web server hands pad WebSockets over (infra/stack/run.ts).
const handOff = process.env['PADMEET_PAD_HANDOFF'] === 'ipc';
const sockets: EtherpadSocket[] = [];
async function connect(padId: string, sessionId: string | undefined, transports: Array<'websocket' | 'polling'> = ['websocket']) {
  const socket = await connectEtherpadSocket({ baseUrl: padBase, padId, sessionId, transports, timeoutMs: 15_000 });
  sockets.push(socket);
  return socket;
}
async function refusal(promise: Promise<unknown>): Promise<EtherpadSocketError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(EtherpadSocketError);
  return error as EtherpadSocketError;
}

let members: Opened;
let otherEvent: Opened;

beforeAll(async () => {
  members = await openRoom('summit', 'closed', 'Member');
  otherEvent = await openRoom('public', 'open', 'Stranger');
  const writer = await connect(members.padId, await sessionFor(members.groupId, 'Writer'));
  await writer.append(secret);
});

afterAll(() => {
  for (const socket of sockets) socket.close();
});

describe('the pad through padmeet', () => {
  it(`connects socket.io through the web server over WebSocket${handOff ? ' (handed to Etherpad)' : ''}, and two clients see each other`, async () => {
    const handedBefore = handOff ? await handedWebSockets() : 0;
    const ada = await connect(members.padId, await sessionFor(members.groupId, 'Ada'), ['websocket']);
    expect(ada.transport).toBe('websocket');
    // Etherpad itself holds Ada's socket: the web server relays none of her messages.
    if (handOff) expect(await handedWebSockets()).toBe(handedBefore + 1);
    // Long-polling still works as socket.io's fallback.
    const grace = await connect(members.padId, await sessionFor(members.groupId, 'Grace'), ['polling']);
    expect(grace.transport).toBe('polling');
    await ada.append(` ada-${run}`);
    await grace.waitForText((text) => text.includes(`ada-${run}`), 15_000);
    await grace.append(` grace-${run}`);
    await ada.waitForText((text) => text.includes(`grace-${run}`), 15_000);
  });

  it("gives every Etherpad process's files one version, so the room page preloads each file once (patch 13)", async () => {
    const versions = await Promise.all(
      etherpadUrl.split(',').map(async (base) => {
        const html = await (await fetch(`${base}/p/padmeet-version-check`)).text();
        return new Set([...html.matchAll(/\?v=([0-9a-f]+)/g)].map((m) => m[1]));
      }),
    );
    for (const version of versions) expect([...version]).toEqual([...versions[0]!]);
    expect([...versions[0]!]).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
    const { files } = (await (await fetch(`${padBase}/padmeet-files.json`)).json()) as { files: string[] };
    expect(files.filter((file) => file.startsWith('javascripts/lib/ep_etherpad-lite/static/js/pad.js?'))).toHaveLength(1);
    expect(new Set(files).size).toBe(files.length);
  });

  it('serves the pad page and the text export to a session of the pad, padmeet\'s page to anyone else', async () => {
    const page = await fetch(`${padBase}/p/${members.padId}`, { headers: cookie(members.sessionId) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('pad.js');
    const exported = await fetch(`${padBase}/p/${members.padId}/export/txt`, { headers: cookie(members.sessionId) });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(secret);

    for (const sessionId of [undefined, otherEvent.sessionId, 's.00000000000000000000000000000000']) {
      for (const path of [`/p/${members.padId}`, `/p/${members.padId}/export/txt`, `/p/${members.padId}/export/html`, `/p/${members.padId}/timeslider`]) {
        const response = await fetch(`${padBase}${path}`, { headers: cookie(sessionId) });
        expect(response.status, `${path} with ${sessionId}`).toBe(403);
        const body = await response.text();
        expect(body).toContain('data-testid="pad-denied"');
        expect(body).not.toContain(secret);
      }
    }
  });

  it('refuses CLIENT_READY without a session, or with a session of another event', async () => {
    expect((await refusal(connect(members.padId, undefined))).kind).toBe('deny');
    expect((await refusal(connect(members.padId, otherEvent.sessionId))).kind).toBe('deny');
  });

  it('answers a CHANGESET_REQ naming another pad with the requester\'s own pad only', async () => {
    const stranger = await connect(otherEvent.padId, otherEvent.sessionId);
    const answer = await stranger.requestChangesets({ padId: members.padId, start: 0, granularity: 1 });
    expect(insertedText(answer)).not.toContain(secret);
    expect(insertedText(answer)).toContain('open notes');
  });

  it("refuses Etherpad's API, admin pages and import in every spelling, though Etherpad itself would answer", async () => {
    const direct = await fetch(`${etherpadUrl.split(',')[0]}/api`);
    expect(direct.status).toBe(200);
    const pad = members.padId;
    const spellings = [
      '/api',
      '/api/1.2.15/getText?padID=x',
      '/API/1.2.15/getText',
      '/Api',
      '//api/1.2.15/getText',
      '/%61pi',
      '/%2561pi',
      '/static/..%2fapi',
      '/static/%2e%2e/api',
      '/admin',
      '/Admin/settings',
      '/%61dmin',
      '/admin/plugins',
      `/p/${pad}/import`,
      `/p/${pad}/IMPORT`,
      `/p/${encodeURIComponent(pad)}%2fimport`,
      `/p/${pad}/export/etherpad`,
      `/P/${pad}`,
      '/stats',
      '/ro/r.0123',
    ];
    for (const path of spellings) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${padBase}${path}`, { method, headers: cookie(members.sessionId), redirect: 'manual' });
        expect([400, 404, 405], `${method} /pad${path} answered ${response.status}`).toContain(response.status);
        expect(await response.text()).not.toMatch(/currentVersion|"code":|<title>Etherpad/);
      }
    }
  });
});
