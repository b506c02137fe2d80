import { createServer } from 'node:net';
import { AppError } from '@padmeet/util';
import { describe, expect, it } from 'vitest';
import { buildInitialPadText } from './notes-template';
import { createPadService } from './pad-service';
import { padProcessIndex } from './pad-process';
import { etherpadApiReply } from './testing/etherpad-api';

// Runs against real Etherpad processes: infra/scripts/test.sh starts the test stack's and exports
// ETHERPAD_URL (their comma-separated list) and ETHERPAD_API_KEY; by hand:
//   node --import tsx infra/stack/run.ts --profile test --only etherpad &
//   source .padmeet/test/stack.env && NX_DAEMON=false npx nx run pad:integration
const apiUrl = process.env.ETHERPAD_URL;
const apiKey = process.env.ETHERPAD_API_KEY;
if (!apiUrl || !apiKey) {
  throw new Error('pad integration tests need running Etherpad processes: set ETHERPAD_URL and ETHERPAD_API_KEY (see above), or run them through infra/scripts/test.sh, which starts them for you.');
}

const apiUrls = apiUrl.split(',').map((url) => url.trim().replace(/\/+$/, ''));
const config = { apiUrls, apiKey, timeoutMs: 5000 };
const pads = createPadService(config);
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** A room of an event (an Etherpad group) no earlier run used (the database keeps pads between runs). */
async function freshRoom(name: string) {
  return { groupId: await pads.createEventGroup(`it-event-${run}-${name}`), roomSlug: `it-${name}-${run}` };
}

/** Direct API call to the process serving `padId` (or the first), for what PadService deliberately does not offer. */
async function rawApi(functionName: string, args: Record<string, string>, padId?: string): Promise<unknown> {
  const { callApiVersion } = await pads.checkHealth();
  const base = apiUrls[padId ? padProcessIndex(padId, apiUrls.length) : 0];
  const body = await etherpadApiReply(base!, apiKey!, functionName, args, callApiVersion);
  expect(body.code, body.message).toBe(0);
  return body.data;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('PadService against real Etherpad processes', () => {
  it('reports the server API version of every process and accepts the key', async () => {
    const health = await pads.checkHealth();
    expect(health.apiVersion).toMatch(/^1\.\d+(\.\d+)?$/);
    expect(health.processes).toBe(apiUrls.length);
  });

  it("creates a room's group pad once, in its event's group, then is idempotent", async () => {
    const room = await freshRoom('ensure');
    const text = buildInitialPadText({ roomName: 'Integration room' });
    const first = await pads.ensureRoomPad(room, text);
    expect(first).toEqual({ padId: expect.stringMatching(new RegExp(`^g\\.[A-Za-z0-9]{16}\\$${room.roomSlug}$`)), created: true, movedFromPlainPad: false });
    // Another padmeet process (a separate service) finds the same group and pad.
    await expect(createPadService(config).ensureRoomPad(room, 'other text')).resolves.toEqual({ ...first, created: false });
    expect((await pads.getText(first.padId)).trimEnd()).toBe(text.trimEnd());
    await expect(pads.getRevisionsCount(first.padId)).resolves.toBe(0);
    // The group pad is private: only API-made sessions open it.
    const { publicStatus } = (await rawApi('getPublicStatus', { padID: first.padId }, first.padId)) as { publicStatus: boolean };
    expect(publicStatus).toBe(false);
  });

  it('survives 10 concurrent creations of one new room pad from separate padmeet processes', async () => {
    const room = await freshRoom('race');
    const text = buildInitialPadText({ roomName: 'Race room', eventName: 'PTG' });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createPadService(config).ensureRoomPad(room, text)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('fulfilled'));
    const ids = new Set(results.map((r) => (r.status === 'fulfilled' ? r.value.padId : '')));
    expect(ids.size).toBe(1);
    const [padId] = [...ids];
    const { padIDs } = (await rawApi('listAllPads', {})) as { padIDs: string[] };
    expect(padIDs.filter((id) => id === padId)).toHaveLength(1);
    expect((await pads.getText(padId!)).trimEnd()).toBe(text.trimEnd());
  });

  it('moves an old plain pad named after the room into its group pad with its whole history, once', async () => {
    const room = await freshRoom('legacy');
    await rawApi('createPad', { padID: room.roomSlug, text: 'Old notes\n' }, room.roomSlug);
    await rawApi('appendText', { padID: room.roomSlug, text: 'Decided: keep the notes\n' }, room.roomSlug);
    await rawApi('appendText', { padID: room.roomSlug, text: 'Action: Ada writes it up\n' }, room.roomSlug);
    const before = (await rawApi('getRevisionsCount', { padID: room.roomSlug }, room.roomSlug)) as { revisions: number };
    expect(before.revisions).toBe(2);

    const moved = await pads.ensureRoomPad(room, 'template that must not replace the old notes');
    expect(moved).toMatchObject({ created: false, movedFromPlainPad: true });
    expect(await pads.getText(moved.padId)).toBe('Old notes\nDecided: keep the notes\nAction: Ada writes it up\n\n');
    await expect(pads.getRevisionsCount(moved.padId)).resolves.toBe(2);
    // Every revision came along: the first one still reads as it was.
    // (1.8.14 answers a revision's text as { text: { text, attribs } }.)
    const { text: atFirst } = (await rawApi('getText', { padID: moved.padId, rev: '1' }, moved.padId)) as { text: { text: string } };
    expect(atFirst.text).toBe('Old notes\nDecided: keep the notes\n\n');
    expect((await rejection(pads.getText(room.roomSlug))).code).toBe('NOT_FOUND');
    // Another padmeet process finds it moved already.
    await expect(createPadService(config).ensureRoomPad(room)).resolves.toEqual({ padId: moved.padId, created: false, movedFromPlainPad: false });
  });

  it("gives a person one author, and a session that opens the event's pads and no other event's", async () => {
    const room = await freshRoom('session');
    const other = await freshRoom('session-other');
    const { padId } = await pads.ensureRoomPad(room);
    const { padId: otherPadId } = await pads.ensureRoomPad(other);
    const author = await pads.ensureAuthor(`it:${run}`, 'Ada');
    await expect(pads.ensureAuthor(`it:${run}`, 'Ada Lovelace')).resolves.toBe(author);
    // The pad shows the person's current name (1.8.14 answers the bare name).
    expect(await rawApi('getAuthorName', { authorID: author })).toBe('Ada Lovelace');
    // Without a name (a guest's pad opened before they typed one), the author keeps the one it has.
    await expect(pads.ensureAuthor(`it:${run}`)).resolves.toBe(author);
    expect(await rawApi('getAuthorName', { authorID: author })).toBe('Ada Lovelace');
    const session = await pads.createSession(room.groupId, author, new Date(Date.now() + 60_000));
    await expect(pads.sessionsGrant([session], padId)).resolves.toBe(true);
    await expect(pads.sessionsGrant([session], otherPadId)).resolves.toBe(false);
    await expect(pads.sessionsGrant(['s.0000000000000000'], padId)).resolves.toBe(false);
    // A renewal retires the earlier pass to the same event, and leaves a pass to another event alone.
    const otherSession = await pads.createSession(other.groupId, author, new Date(Date.now() + 60_000));
    const renewed = await pads.createSession(room.groupId, author, new Date(Date.now() + 120_000));
    // A pass Etherpad no longer knows is of no use in the cookie: dropped too.
    await expect(pads.retireSessions([session, otherSession, 's.0000000000000000'], room.groupId)).resolves.toEqual([session, 's.0000000000000000']);
    await expect(pads.sessionsGrant([session], padId)).resolves.toBe(false);
    await expect(pads.sessionsGrant([renewed], padId)).resolves.toBe(true);
    await expect(pads.sessionsGrant([otherSession], otherPadId)).resolves.toBe(true);
  });

  it("deletes a person's ended pass to the event, which Etherpad itself never removes", async () => {
    const room = await freshRoom('ended');
    const { padId } = await pads.ensureRoomPad(room);
    const author = await pads.ensureAuthor(`it-ended:${run}`, 'Grace');
    // Etherpad refuses a validUntil in the past, so the pass is made live and left to run out (2 s:
    // a slow call on a loaded machine still asks for an end in the future).
    const ended = await pads.createSession(room.groupId, author, new Date(Date.now() + 2000));
    await expect.poll(() => pads.sessionsGrant([ended], padId), { timeout: 10_000 }).toBe(false);
    const sessionsOfGroup = async () => Object.keys(((await rawApi('listSessionsOfGroup', { groupID: room.groupId })) ?? {}) as object);
    expect(await sessionsOfGroup()).toContain(ended);
    const renewed = await pads.createSession(room.groupId, author, new Date(Date.now() + 60_000));
    await expect(pads.retireSessions([ended], room.groupId)).resolves.toEqual([ended]);
    expect(await sessionsOfGroup()).toEqual([renewed]);
  });

  it('appends text at the end and says at which revision', async () => {
    const { padId } = await pads.ensureRoomPad(await freshRoom('append'), 'Start\n');
    await expect(pads.appendText(padId, '== Session ==\n')).resolves.toBe(1);
    expect(await pads.getText(padId)).toBe('Start\n== Session ==\n\n');
    expect(await pads.getHtml(padId)).toContain('== Session ==');
  });

  it('maps a missing pad to NOT_FOUND', async () => {
    expect((await rejection(pads.getText(`g.AAAAAAAAAAAAAAAA$it-missing-${run}`))).code).toBe('NOT_FOUND');
  });

  it('explains a wrong API key', async () => {
    const wrong = createPadService({ ...config, apiKey: 'f'.repeat(64) });
    const error = await rejection(wrong.createEventGroup(`it-key-${run}`));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.userMessage).toMatch(/refused padmeet's API key/);
    expect((await rejection(wrong.checkHealth())).code).toBe('UNAVAILABLE');
  });

  it('fails fast and clearly when Etherpad is not listening', async () => {
    const port = await closedPort();
    const down = createPadService({ apiUrls: [`http://127.0.0.1:${port}`], apiKey, timeoutMs: 2000 });
    const started = Date.now();
    const error = await rejection(down.createEventGroup(`it-down-${run}`));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.userMessage).toBe(`The notes server (Etherpad) is not reachable at http://127.0.0.1:${port}; the video room still works.`);
    expect((await rejection(down.checkHealth())).code).toBe('UNAVAILABLE');
  });
});
