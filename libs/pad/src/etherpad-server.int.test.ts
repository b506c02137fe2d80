import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etherpadApiReply } from './testing/etherpad-api';
import { connectEtherpadSocket, EtherpadSocketError, insertedText, reconnectEtherpadSocket, type EtherpadSocket } from './testing/etherpad-socket';

// Etherpad itself, as padmeet installs and runs it (infra/scripts/etherpad.sh: 1.8.14 with
// padmeet's patches, on PostgreSQL): the two security holes stay closed, an edit Etherpad
// acknowledged survives SIGKILL, several processes on one database agree on authors, groups and
// sessions, and an older install's dirty file database moves into PostgreSQL.
//
// These tests start their own Etherpad processes (free ports, a fresh database per run made with
// DATABASE_URL's role, which has CREATEDB) and never touch the test stack's. Needs DATABASE_URL
// (infra/scripts/test.sh exports it) and the install (`bash infra/scripts/etherpad.sh install`).
const root = resolve(import.meta.dirname, '../../..');
const etherpadSh = join(root, 'infra/scripts/etherpad.sh');
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  throw new Error(
    'Etherpad server tests need DATABASE_URL (a PostgreSQL role that may CREATE DATABASE, e.g. ' +
      'postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet_test), or run them through infra/scripts/test.sh',
  );
}
const runId = `${Date.now().toString(36)}_${process.pid}`;

function databaseUrl(name: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.href;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, database = new URL(serverUrl!).pathname.slice(1)): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Polls `check` until it holds; fails with `what` and the last error after `timeoutMs`. */
async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof StartupError) throw error;
      last = `: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

class StartupError extends Error {}

const colors = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** One Etherpad process run by `etherpad.sh run`, in its own process group. */
class Etherpad {
  private child: ChildProcess | undefined;
  private exit: Promise<void> = Promise.resolve();
  private exited = true;
  readonly log: string[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    readonly stateDir: string,
    readonly database: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.log.length = 0;
    const child = spawn('bash', [etherpadSh, 'run', '--state-dir', this.stateDir, '--port', String(this.port), '--database-url', databaseUrl(this.database)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = false;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.log.push(line.replace(colors, ''));
      this.log.splice(0, Math.max(0, this.log.length - 40));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.exit = new Promise((done) =>
      child.once('exit', () => {
        this.exited = true;
        done();
      }),
    );
    await waitFor(`${this.name} to answer ${this.url}/api`, async () => {
      if (this.exited) throw new StartupError(`${this.name} exited during start-up: ${this.log.slice(-5).join(' | ')}`);
      const response = await fetch(`${this.url}/api`, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    });
  }

  /** Stops the whole process group and waits until it is gone. */
  async stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    if (this.exited || !this.child?.pid) return;
    const pid = this.child.pid;
    try {
      process.kill(-pid, signal);
    } catch {
      // gone already
    }
    if (signal === 'SIGTERM') {
      const gone = await Promise.race([this.exit.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), 10_000))]);
      if (!gone) process.kill(-pid, 'SIGKILL');
    }
    await this.exit;
  }

  /** Etherpad's HTTP API: the reply as is (`code` 0 = ok). */
  async call(fn: string, args: Record<string, string> = {}): Promise<{ code: number; message: string; data: unknown }> {
    return etherpadApiReply(this.url, readApiKey(this.stateDir), fn, args);
  }

  /** Etherpad's HTTP API: the data, or an error naming the call, the process and Etherpad's message. */
  async api<T = Record<string, unknown>>(fn: string, args: Record<string, string> = {}): Promise<T> {
    const reply = await this.call(fn, args);
    if (reply.code !== 0) throw new Error(`${fn} on ${this.name}: ${reply.message}`);
    return reply.data as T;
  }
}

function readApiKey(stateDir: string): string {
  return readFileSync(join(stateDir, 'APIKEY.txt'), 'utf8').trim();
}

const stateDirs: string[] = [];
function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'padmeet-etherpad-it-'));
  stateDirs.push(dir);
  return dir;
}
const databases: string[] = [];
async function freshDatabase(label: string): Promise<string> {
  const name = `padmeet_etherpad_it_${label}_${runId}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  databases.push(name);
  return name;
}

const processes: Etherpad[] = [];
const sockets: EtherpadSocket[] = [];
let clientNumber = 0;
/** Joins a pad; each client its own address for Etherpad's per-client commit rate limit (trustProxy). */
async function joinPad(etherpad: Etherpad, padId: string, sessionId?: string, options: { outOfSight?: boolean; connection?: string } = {}): Promise<EtherpadSocket> {
  clientNumber += 1;
  const socket = await connectEtherpadSocket({ baseUrl: etherpad.url, padId, sessionId, forwardedFor: `198.51.100.${clientNumber % 250}`, ...options });
  sockets.push(socket);
  return socket;
}
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'Etherpad let the client join').toBeInstanceOf(EtherpadSocketError);
  return `${(error as EtherpadSocketError).kind}: ${(error as EtherpadSocketError).reason}`;
}

const inAnHour = () => String(Math.floor(Date.now() / 1000) + 3600);

interface Group {
  groupID: string;
  authorID: string;
  sessionID: string;
}
/** An author (one per person) with a session for the group. */
async function personWithSession(etherpad: Etherpad, groupID: string, label: string): Promise<Omit<Group, 'groupID'>> {
  const { authorID } = await etherpad.api<{ authorID: string }>('createAuthorIfNotExistsFor', { authorMapper: `person-${label}-${runId}`, name: `Person ${label}` });
  const { sessionID } = await etherpad.api<{ sessionID: string }>('createSession', { groupID, authorID, validUntil: inAnHour() });
  return { authorID, sessionID };
}
async function groupWithSession(etherpad: Etherpad, label: string): Promise<Group> {
  const { groupID } = await etherpad.api<{ groupID: string }>('createGroupIfNotExistsFor', { groupMapper: `event-${label}-${runId}` });
  return { groupID, ...(await personWithSession(etherpad, groupID, label)) };
}

let a: Etherpad;
let b: Etherpad;

beforeAll(async () => {
  const database = await freshDatabase('shared');
  const dir = stateDir();
  a = new Etherpad('etherpad A', await freePort(), dir, database);
  b = new Etherpad('etherpad B', await freePort(), dir, database);
  processes.push(a, b);
  // A first: it creates the table; then B on the same state dir (API key, session key) and database.
  await a.start();
  await b.start();
}, 240_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all(processes.map((p) => p.stop('SIGTERM')));
  for (const name of databases) await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('Etherpad as padmeet runs it', () => {
  it('lets no browser open or create a pad without a session (requireSession, editOnly)', async () => {
    const { groupID, sessionID } = await groupWithSession(a, 'gate');
    await a.api('createGroupPad', { groupID, padName: 'room', text: 'members only' });
    expect(await refusal(joinPad(a, `${groupID}$room`))).toBe('deny: deny');
    // A plain pad made through the API: no session can open it.
    await a.api('createPad', { padID: `plain-${runId}`, text: 'plain' });
    expect(await refusal(joinPad(a, `plain-${runId}`, sessionID))).toBe('deny: deny');
    // A group pad nobody created: refused, not created.
    expect(await refusal(joinPad(a, `${groupID}$squatted`, sessionID))).toBe('deny: deny');
    expect((await a.call('getText', { padID: `${groupID}$squatted` })).message).toBe('padID does not exist');
    const member = await joinPad(a, `${groupID}$room`, sessionID);
    expect(member.text).toBe('members only\n');
  });

  it('answers CHANGESET_REQ with the joined pad only, whatever pad the message names', async () => {
    const { groupID, sessionID } = await groupWithSession(a, 'history');
    await a.api('createGroupPad', { groupID, padName: 'open', text: 'alpha notes everyone may read' });
    const other = await groupWithSession(a, 'history-other');
    await a.api('createGroupPad', { groupID: other.groupID, padName: 'secret', text: 'bravo secret of another event' });
    const secretPad = `${other.groupID}$secret`;

    const client = await joinPad(a, `${groupID}$open`, sessionID);
    const answer = await client.requestChangesets({ padId: secretPad });
    expect(insertedText(answer)).toContain('alpha notes everyone may read');
    expect(JSON.stringify(answer)).not.toContain('bravo secret');
    // The same request from a client of that pad does read it: the request itself works.
    const insider = await joinPad(a, secretPad, other.sessionID);
    expect(insertedText(await insider.requestChangesets({ padId: secretPad }))).toContain('bravo secret of another event');
  });

  it('imports a crafted .etherpad file as plain text and writes none of its records', async () => {
    const { groupID, authorID, sessionID } = await groupWithSession(a, 'import');
    await a.api('createGroupPad', { groupID, padName: 'notes', text: 'before the import' });
    const padId = `${groupID}$notes`;
    // The CVE-2021-43802 shape: records with `padIDs` are written under their own key, so this
    // would add a session valid until 2286 for the group, and a pad of the attacker's naming.
    const injectedSession = `s.injected${runId.replace(/[^a-z0-9]/gi, '')}`;
    const crafted = JSON.stringify({
      [`session:${injectedSession}`]: { padIDs: { x: 1 }, groupID, authorID, validUntil: 9999999999 },
      [`pad:injected-${runId}`]: { atext: { text: 'planted\n', attribs: '|1+8' }, pool: { numToAttrib: {}, nextNum: 0 }, head: 0 },
    });
    const form = new FormData();
    form.append('file', new Blob([crafted], { type: 'application/octet-stream' }), 'notes.etherpad');
    const response = await fetch(`${a.url}/p/${encodeURIComponent(padId)}/import`, { method: 'POST', body: form, headers: { Cookie: `sessionID=${sessionID}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: 0, data: { directDatabaseAccess: false } });

    expect((await a.call('getSessionInfo', { sessionID: injectedSession })).message).toBe('sessionID does not exist');
    expect((await a.call('getText', { padID: `injected-${runId}` })).message).toBe('padID does not exist');
    const { text } = await a.api<{ text: string }>('getText', { padID: padId });
    expect(text).toContain(`"session:${injectedSession}"`);
    // Without a session the import is refused outright.
    const anonymous = await fetch(`${a.url}/p/${encodeURIComponent(padId)}/import`, { method: 'POST', body: form });
    expect(anonymous.status).toBe(403);
  });

  it('keeps every edit it acknowledged (ACCEPT_COMMIT) when killed with SIGKILL while authors type', async () => {
    const typist = new Etherpad('etherpad K', await freePort(), stateDir(), await freshDatabase('kill'));
    processes.push(typist);
    await typist.start();
    const { groupID, sessionID } = await groupWithSession(typist, 'kill');
    await typist.api('createGroupPad', { groupID, padName: 'typing', text: '' });
    const padId = `${groupID}$typing`;
    // Three people, one connection each.
    const typists = await Promise.all([1, 2, 3].map((n) => personWithSession(typist, groupID, `typist-${n}`)));
    const acknowledged: { token: string; rev: number }[] = [];
    let sentNotAcknowledged = 0;

    for (let round = 1; round <= 2; round += 1) {
      const clients = await Promise.all(typists.map((person) => joinPad(typist, padId, person.sessionID)));
      const target = acknowledged.length + 30;
      let reached: () => void = () => undefined;
      const enough = new Promise<void>((done) => (reached = done));
      const typing = clients.map(async (client, n) => {
        for (let i = 0; ; i += 1) {
          const token = `[r${round}a${n}e${i}]`;
          try {
            const commit = await client.append(token);
            acknowledged.push({ token, rev: commit.rev });
            if (acknowledged.length >= target) reached();
          } catch {
            sentNotAcknowledged += 1; // in flight when the process died: may or may not be kept
            return;
          }
          // Etherpad limits each client to 10 messages a second (commitRateLimiting); stay under it.
          await new Promise((done) => setTimeout(done, 120));
        }
      });
      await enough;
      await typist.stop('SIGKILL');
      await Promise.all(typing);
      await typist.start();
      const { text } = await typist.api<{ text: string }>('getText', { padID: padId });
      const lost = acknowledged.filter(({ token }) => !text.includes(token)).map(({ token }) => token);
      expect(lost, `round ${round}: acknowledged edits missing after SIGKILL + restart`).toEqual([]);
      const { revisions } = await typist.api<{ revisions: number }>('getRevisionsCount', { padID: padId });
      expect(revisions).toBeGreaterThanOrEqual(Math.max(...acknowledged.map((e) => e.rev)));
    }
    // The pad still takes edits after the kills.
    const after = await joinPad(typist, padId, sessionID);
    await after.append('[after]');
    expect((await typist.api<{ text: string }>('getText', { padID: padId })).text).toContain('[after]');
    console.info(`SIGKILL test: ${acknowledged.length} acknowledged edits kept over 2 kills; ${sentNotAcknowledged} in flight at the kills`);
    await typist.stop('SIGTERM');
  }, 240_000);

  // Patch 05: an edit reaches the pad's other clients from memory, before its write is committed;
  // its author's ACCEPT_COMMIT waits for the write. PostgreSQL holding every write to Etherpad's
  // table (a transaction with the table locked against writes, reads still allowed) shows both.
  it('sends an edit to the other clients before its write commits, and acknowledges it to its author only after', async () => {
    const { groupID, sessionID } = await groupWithSession(a, 'durable');
    await a.api('createGroupPad', { groupID, padName: 'held', text: 'before\n' });
    const padId = `${groupID}$held`;
    const reader = await joinPad(a, padId, (await personWithSession(a, groupID, 'durable-reader')).sessionID);
    const writer = await joinPad(a, padId, sessionID);
    const token = `[held-${runId}]`;

    const holder = new pg.Client({ connectionString: databaseUrl(a.database) });
    await holder.connect();
    let accepted = false;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE store IN EXCLUSIVE MODE');
      const commit = writer.append(token).then((c) => {
        accepted = true;
        return c;
      });
      commit.catch(() => undefined); // awaited below; a failure before then is the test's failure, not an unhandled rejection
      // The reader gets the edit while its write cannot commit…
      await reader.waitForText((text) => text.includes(token), 30_000);
      // …and Etherpad's write of it is waiting on the lock, so the author has no ACCEPT_COMMIT yet.
      await waitFor('Etherpad to wait on the held table', async () => {
        const { rows } = await admin((client) =>
          client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query ILIKE '%store%'", [a.database]),
        );
        return rows[0]!.n > 0;
      }, 30_000);
      expect(accepted, 'ACCEPT_COMMIT arrived while the write was held').toBe(false);

      await holder.query('COMMIT');
      const { rev } = await commit;
      // Acknowledged: the revision is in PostgreSQL (read past Etherpad's cache).
      const stored = await admin((client) => client.query<{ value: string }>('SELECT value FROM store WHERE key = $1', [`pad:${padId}:revs:${rev}`]), a.database);
      expect(stored.rowCount).toBe(1);
      const padRecord = await admin((client) => client.query<{ value: string }>('SELECT value FROM store WHERE key = $1', [`pad:${padId}`]), a.database);
      expect((JSON.parse(padRecord.rows[0]!.value) as { atext: { text: string } }).atext.text).toContain(token);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined); // nothing open when committed above
      await holder.end();
    }
  });

  it('keeps clients in step when several authors edit one pad at once', async () => {
    const { groupID } = await groupWithSession(a, 'converge');
    await a.api('createGroupPad', { groupID, padName: 'busy', text: 'start\n' });
    const padId = `${groupID}$busy`;
    const people = await Promise.all([1, 2, 3, 4].map((n) => personWithSession(a, groupID, `converge-${n}`)));
    const clients = await Promise.all(people.map((person) => joinPad(a, padId, person.sessionID)));
    const tokens: string[] = [];
    // Each author: 12 edits as fast as Etherpad acknowledges them, inserting at the start, after
    // the word "start" or at the end of what it sees (never inside another's token), so the
    // server rebases concurrent edits against each other.
    await Promise.all(
      clients.map(async (client, n) => {
        for (let i = 0; i < 12; i += 1) {
          const token = `<${n}.${i}>`;
          tokens.push(token);
          const at = [0, client.text.indexOf('start') + 'start'.length, client.text.length - 1][i % 3]!;
          await client.splice(Math.max(0, at), 0, token);
          // Under Etherpad's per-client commit rate limit (10 a second).
          await new Promise((done) => setTimeout(done, 110));
        }
      }),
    );
    const { text } = await a.api<{ text: string }>('getText', { padID: padId });
    for (const token of tokens) expect(text).toContain(token);
    const { revisions } = await a.api<{ revisions: number }>('getRevisionsCount', { padID: padId });
    for (const client of clients) {
      await client.waitForRev(revisions, 30_000);
      expect(client.text).toBe(text);
      expect(client.failure).toBeUndefined();
    }
    // Each author's record lists the pad (patch 06 writes it once per author and pad, not per edit).
    for (const person of people) {
      const { padIDs } = await a.api<{ padIDs: string[] }>('listPadsOfAuthor', { authorID: person.authorID });
      expect(padIDs).toEqual([padId]);
    }
  });

  // Patch 09: an open connection's access is checked again at most every 5 s, not on every
  // message; a deleted session must still stop its edits within those seconds.
  it("refuses an open connection's edits within seconds once its session is deleted", async () => {
    const { groupID, sessionID } = await groupWithSession(a, 'revoke');
    await a.api('createGroupPad', { groupID, padName: 'revoked', text: '' });
    const padId = `${groupID}$revoked`;
    const member = await joinPad(a, padId, sessionID);
    await member.append('[before]');
    await a.api('deleteSession', { sessionID });
    const deletedAt = Date.now();
    let refusal: unknown;
    for (let i = 0; refusal === undefined; i += 1) {
      if (Date.now() - deletedAt > 20_000) throw new Error('edits still accepted 20 s after the session was deleted');
      await member.append(`[after ${i}]`).catch((error: unknown) => (refusal = error));
      await new Promise((done) => setTimeout(done, 200));
    }
    expect(refusal).toBeInstanceOf(EtherpadSocketError);
    expect(`${(refusal as EtherpadSocketError).kind}: ${(refusal as EtherpadSocketError).reason}`).toBe('deny: deny');
    const { text } = await a.api<{ text: string }>('getText', { padID: padId });
    expect(text).toContain('[before]');
  }, 60_000);

  // Patch 10: padmeet renews a person's pass before it ends with a new session for the same author
  // and group (the room page asks again at 2/3 of its life); the open connection still holds the
  // session it connected with. It goes on past that session's end while the person holds a renewed
  // one, and stops within seconds once no pass of theirs is valid.
  it("keeps an open connection going on its author's renewed session, and refuses it once no pass is valid", async () => {
    const { groupID } = await groupWithSession(a, 'renew');
    await a.api('createGroupPad', { groupID, padName: 'renewed', text: '' });
    const padId = `${groupID}$renewed`;
    const { authorID } = await a.api<{ authorID: string }>('createAuthorIfNotExistsFor', { authorMapper: `person-renewing-${runId}`, name: 'Renewing' });
    const shortPass = async () => (await a.api<{ sessionID: string }>('createSession', { groupID, authorID, validUntil: String(Math.floor(Date.now() / 1000) + 3) })).sessionID;
    const member = await joinPad(a, padId, await shortPass());
    await member.append('[before]');
    // The renewal, made on the other process (any process may answer padmeet's API).
    await b.api('createSession', { groupID, authorID, validUntil: inAnHour() });
    // Past the first session's end and past the recheck window: every edit is still accepted.
    const until = Date.now() + 11_000;
    for (let i = 0; Date.now() < until; i += 1) {
      await member.append(`[renewed ${i}]`);
      await new Promise((done) => setTimeout(done, 500));
    }
    // Without a renewal, the connection is refused once its pass ended.
    const { authorID: other } = await a.api<{ authorID: string }>('createAuthorIfNotExistsFor', { authorMapper: `person-lapsing-${runId}`, name: 'Lapsing' });
    const { sessionID: lapsing } = await a.api<{ sessionID: string }>('createSession', { groupID, authorID: other, validUntil: String(Math.floor(Date.now() / 1000) + 3) });
    const lapsed = await joinPad(a, padId, lapsing);
    await lapsed.append('[lapsing]');
    const endedAt = Date.now();
    let refusal: unknown;
    for (let i = 0; refusal === undefined; i += 1) {
      if (Date.now() - endedAt > 25_000) throw new Error('edits still accepted 25 s after the only pass was made to end');
      await lapsed.append(`[lapsed ${i}]`).catch((error: unknown) => (refusal = error));
      await new Promise((done) => setTimeout(done, 250));
    }
    expect(`${(refusal as EtherpadSocketError).kind}: ${(refusal as EtherpadSocketError).reason}`).toBe('deny: deny');
  }, 90_000);

  // Patch 17: someone looking at padmeet's pre-join has the room's pad loaded out of sight (so it is
  // ready at the click); the pad's other clients see them in its user list only once in the room.
  it("keeps a pad opened out of sight from the other clients' user lists until it is shown", async () => {
    const { groupID, authorID: inRoomAuthor, sessionID } = await groupWithSession(a, 'sight');
    await a.api('createGroupPad', { groupID, padName: 'preview', text: '' });
    const padId = `${groupID}$preview`;
    const inRoom = await joinPad(a, padId, sessionID);
    // Everything the one in the room is told of the others, in order.
    const told: string[] = [];
    inRoom.on('message', (message) => {
      const data = (message as { data?: { type?: string; userInfo?: { userId?: string; name?: string } } }).data;
      if (data?.type === 'USER_NEWINFO' || data?.type === 'USER_LEAVE') told.push(`${data.type} ${data.userInfo?.userId} ${data.userInfo?.name ?? ''}`.trim());
    });

    const previewing = await personWithSession(a, groupID, 'sight-preview');
    const preview = await joinPad(a, padId, previewing.sessionID, { outOfSight: true });
    await waitFor('the one previewing to see who is in the room', () => preview.users.has(inRoomAuthor), 10_000);
    // Named while still out of sight (the room page gives a new guest's name at the click).
    preview.sendRaw({ type: 'COLLABROOM', component: 'pad', data: { type: 'USERINFO_UPDATE', userInfo: { name: 'Grace (preview)', colorId: '#2e7d32' } } });
    // Someone else previews and leaves without joining.
    const leaving = await joinPad(a, padId, (await personWithSession(a, groupID, 'sight-leaving')).sessionID, { outOfSight: true });
    leaving.close();
    // A client joining now is told of the one in the room only.
    const late = await joinPad(a, padId, (await personWithSession(a, groupID, 'sight-late')).sessionID);
    await waitFor('the late client to be told of the one in the room', () => late.users.has(inRoomAuthor), 10_000);
    expect(late.users.has(previewing.authorID)).toBe(false);

    // In the room: shown to everyone, under its name.
    preview.show('Grace', '#2e7d32');
    await waitFor('the others to be told of the one now in the room', () => inRoom.users.get(previewing.authorID)?.name === 'Grace' && late.users.get(previewing.authorID)?.name === 'Grace', 10_000);
    expect(inRoom.users.get(previewing.authorID)?.colorId).toBe('#2e7d32');
    // And gone from their lists when it leaves.
    preview.close();
    await waitFor('the one who left to go from the list', () => !inRoom.users.has(previewing.authorID), 10_000);
    // Never told of the one who only previewed, nor of the other before it was shown.
    expect(told.filter((line) => !line.includes(late.authorId))).toEqual([`USER_NEWINFO ${previewing.authorID} Grace`, `USER_LEAVE ${previewing.authorID}`]);
  });

  // Patch 18: the same person on one pad in several places at once (padmeet's room and the notes in
  // their own tab). Etherpad 1.8.14 closed the older connection ("userdup"); each connection must
  // now be acknowledged its own edits only, and get the other's as anyone's.
  it('keeps one person on a pad on two connections, each acknowledged only its own edits', async () => {
    const { groupID, authorID, sessionID } = await groupWithSession(a, 'twins');
    await a.api('createGroupPad', { groupID, padName: 'twins', text: 'start\n' });
    const padId = `${groupID}$twins`;
    const roomPage = `room-${runId}`;
    const room = await joinPad(a, padId, sessionID, { connection: roomPage });
    const notesTab = await joinPad(a, padId, sessionID, { connection: `notes-${runId}` });
    const other = await joinPad(a, padId, (await personWithSession(a, groupID, 'twins-other')).sessionID);
    expect([room.authorId, notesTab.authorId]).toEqual([authorID, authorID]);
    const told: string[] = [];
    other.on('message', (message) => {
      const data = (message as { data?: { type?: string; userInfo?: { userId?: string } } }).data;
      if ((data?.type === 'USER_NEWINFO' || data?.type === 'USER_LEAVE') && data.userInfo?.userId === authorID) told.push(data.type);
    });

    // All three type at once; the server rebases each connection's edits against the others'.
    // The test client fails on an ACCEPT_COMMIT for an edit it did not send and on a skipped
    // revision, and each connection would end on a "userdup".
    const tokens: string[] = [];
    await Promise.all(
      [room, notesTab, other].map(async (client, n) => {
        for (let i = 0; i < 10; i += 1) {
          const token = `<${n}.${i}>`;
          tokens.push(token);
          await client.splice(i % 2 ? client.text.length - 1 : 0, 0, token);
          await new Promise((done) => setTimeout(done, 110)); // under the per-client commit limit
        }
      }),
    );
    const { text } = await a.api<{ text: string }>('getText', { padID: padId });
    for (const token of tokens) expect(text).toContain(token);
    const { revisions } = await a.api<{ revisions: number }>('getRevisionsCount', { padID: padId });
    for (const client of [room, notesTab, other]) {
      await client.waitForRev(revisions, 30_000);
      expect(client.text).toBe(text);
      expect(client.failure).toBeUndefined();
    }
    expect(other.users.has(authorID)).toBe(true);

    // The room page loses its connection after its last edit; the notes tab writes on. Back, it is
    // sent its own revision as its own and the notes tab's as another's, as any other page is.
    const own = await room.append('[room, last]');
    room.close();
    const fromTab = await notesTab.append('[notes tab, meanwhile]');
    expect(fromTab.rev).toBe(own.rev + 1);
    const caughtUp = (connection: string) => reconnectEtherpadSocket({ baseUrl: a.url, padId, sessionId: sessionID, connection }, own.rev - 1);
    expect(await caughtUp(roomPage)).toEqual([
      { rev: own.rev, author: authorID },
      { rev: fromTab.rev, author: '' },
    ]);
    expect(await caughtUp(`third-${runId}`)).toEqual([
      { rev: own.rev, author: '' },
      { rev: fromTab.rev, author: '' },
    ]);

    // The others are told the person left only when their last connection goes.
    await waitFor('the room page to leave the pad', async () => (await a.api<{ padUsersCount: number }>('padUsersCount', { padID: padId })).padUsersCount === 2, 10_000);
    notesTab.close();
    await waitFor('the others to be told the person left', () => !other.users.has(authorID), 10_000);
    expect(told.filter((type) => type === 'USER_LEAVE')).toEqual(['USER_LEAVE']);
  });

  describe('two processes on one database', () => {
    it('share groups and authors, and see an author renamed on the other process', async () => {
      const mapper = `event-shared-${runId}`;
      const { groupID } = await a.api<{ groupID: string }>('createGroupIfNotExistsFor', { groupMapper: mapper });
      expect((await b.api<{ groupID: string }>('createGroupIfNotExistsFor', { groupMapper: mapper })).groupID).toBe(groupID);

      const person = `person-shared-${runId}`;
      const { authorID } = await a.api<{ authorID: string }>('createAuthorIfNotExistsFor', { authorMapper: person, name: 'Ann' });
      expect((await b.api<{ authorID: string }>('createAuthorIfNotExistsFor', { authorMapper: person })).authorID).toBe(authorID);
      expect(await b.api('getAuthorName', { authorID })).toBe('Ann');
      await a.api('createAuthorIfNotExistsFor', { authorMapper: person, name: 'Anna' });
      expect(await b.api('getAuthorName', { authorID }), 'B still answers the old name: a cache').toBe('Anna');
      // And back the other way, right after A's own write of that record.
      await b.api('createAuthorIfNotExistsFor', { authorMapper: person, name: 'Anne' });
      expect(await a.api('getAuthorName', { authorID }), 'A still answers its own last write: a cache').toBe('Anne');
    });

    it('honour a session made on the other process, and deny it once deleted there', async () => {
      const { groupID, authorID, sessionID } = await groupWithSession(a, 'session');
      await b.api('createGroupPad', { groupID, padName: 'served-by-b', text: 'served by B' });
      const padId = `${groupID}$served-by-b`;
      expect(await b.api('getSessionInfo', { sessionID })).toMatchObject({ groupID, authorID });
      const member = await joinPad(b, padId, sessionID);
      expect(member.authorId).toBe(authorID);
      member.close();

      await a.api('deleteSession', { sessionID });
      expect((await b.call('getSessionInfo', { sessionID })).message, 'B still knows the deleted session: a cache').toBe('sessionID does not exist');
      expect(await refusal(joinPad(b, padId, sessionID))).toBe('deny: deny');
      expect(Object.keys((await b.api('listSessionsOfGroup', { groupID })) ?? {})).not.toContain(sessionID);
    });

    it('list every group pad, whichever process created it', async () => {
      const { groupID } = await a.api<{ groupID: string }>('createGroupIfNotExistsFor', { groupMapper: `event-pads-${runId}` });
      const made: string[] = [];
      for (const [etherpad, room] of [[a, 'room-a'], [b, 'room-b'], [a, 'room-c'], [b, 'room-d']] as const) {
        await etherpad.api('createGroupPad', { groupID, padName: room });
        made.push(`${groupID}$${room}`);
      }
      for (const etherpad of [a, b]) {
        const { padIDs } = await etherpad.api<{ padIDs: string[] }>('listPads', { groupID });
        expect([...padIDs].sort(), `listPads on ${etherpad.name}`).toEqual(made);
      }
    });
  });

  it("moves an older install's dirty file database into PostgreSQL once, pads and history intact", async () => {
    // Records as Etherpad writes them (taken from a pad made on A), in the dirty file format:
    // one JSON object per line, the last one cut short as a killed Etherpad leaves it.
    const padId = `moved-${runId}`;
    await a.api('createPad', { padID: padId, text: 'first line' });
    await a.api('appendText', { padID: padId, text: 'second line\n' });
    await a.api('appendText', { padID: padId, text: 'third line\n' });
    const { text } = await a.api<{ text: string }>('getText', { padID: padId });
    const { revisions } = await a.api<{ revisions: number }>('getRevisionsCount', { padID: padId });
    const revisionOne = await a.api('getText', { padID: padId, rev: '1' });
    const rows = await admin(
      (client) => client.query<{ key: string; value: string }>("SELECT key, value FROM store WHERE key = $1 OR key LIKE $2", [`pad:${padId}`, `pad:${padId}:%`]),
      a.database,
    );
    expect(rows.rowCount).toBeGreaterThan(revisions);
    const dir = stateDir();
    const lines = rows.rows.map((row) => JSON.stringify({ key: row.key, val: JSON.parse(row.value) }));
    writeFileSync(join(dir, 'etherpad.db'), `${lines.join('\n')}\n{"key":"pad:${padId}:revs:9`);

    const moved = new Etherpad('etherpad M', await freePort(), dir, await freshDatabase('moved'));
    processes.push(moved);
    await moved.start();
    expect(moved.log.join('\n')).toContain(`moved ${rows.rowCount} records (1 pads)`);
    expect(existsSync(join(dir, 'etherpad.db'))).toBe(false);
    expect(existsSync(join(dir, 'etherpad.db.migrated'))).toBe(true);
    expect(await moved.api('getText', { padID: padId })).toEqual({ text });
    expect(await moved.api('getRevisionsCount', { padID: padId })).toEqual({ revisions });
    expect(await moved.api('getText', { padID: padId, rev: '1' })).toEqual(revisionOne);

    // Once: a second start finds nothing to move, and a file put back is not moved over pads.
    writeFileSync(join(dir, 'etherpad.db'), `${lines.join('\n')}\n`);
    await moved.stop('SIGTERM');
    await moved.start();
    expect(moved.log.join('\n')).toContain('already holds pads (file kept as it is)');
    expect(existsSync(join(dir, 'etherpad.db'))).toBe(true);
    await moved.stop('SIGTERM');
  }, 180_000);
});
