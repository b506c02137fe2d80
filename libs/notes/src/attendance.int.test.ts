import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ATTENDANCE_PATH } from '@padmeet/contract';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database';
import { createAttendanceRepository, createRoomRemovalRepository, createSessionNotesRepository, disconnectAll, getDb, type Db } from '@padmeet/data';
import { createJoinTokenSigner, generateJoinTokenKeyPair, type JoinTokenSigner } from '@padmeet/join-token';
import { createLogger, type AppError } from '@padmeet/util';
import { createAttendanceEndpoint } from './attendance-endpoint';
import { removeRoom } from './room-removal';
import { freePort, waitFor } from './testing/etherpad-process';

// Attendance from the real SFU (apps/sfu as it runs, with its mediasoup worker and reporter) through
// the web app's internal endpoint into PostgreSQL, across a restart of the endpoint; and the guard on
// removing a room with notes; in a database of this file's own (the test stack's web server runs its
// own notes runner over the stack's database and would make these sessions' notes rows itself).
// Needs MEDIASOUP_WORKER_BIN (the test stack exports it).
const databaseUrl = process.env['DATABASE_URL'];
const tag = randomUUID().slice(0, 8);
const logger = createLogger({ name: 'attendance-int', level: 'silent' });
const secret = `int-secret-${randomUUID()}`;

describe('attendance from the SFU, and removing a room with notes', () => {
  let db: Db;
  let scratch: ScratchDatabase | undefined;
  let sfu: ChildProcess;
  let sfuPort: number;
  let signer: JoinTokenSigner;
  const sockets: WebSocket[] = [];
  const sfuLog: string[] = [];
  let web: Server | undefined;
  let webPort: number;
  let roomSlug: string;
  let roomId: string;
  let sessionId: string;

  /** The web app's internal endpoint, as apps/web/src/main.ts serves it (here alone on its port). */
  async function startWeb() {
    const endpoint = createAttendanceEndpoint({ attendance: createAttendanceRepository(db), secret, logger });
    web = createServer((req, res) => {
      if (!endpoint(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((done) => web!.listen(webPort, '127.0.0.1', done));
  }
  async function stopWeb() {
    web?.closeAllConnections();
    await new Promise((done) => web?.close(done));
    web = undefined;
  }
  const post = (body: unknown, auth = `Bearer ${secret}`) =>
    fetch(`http://127.0.0.1:${webPort}${ATTENDANCE_PATH}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through the test stack (infra/scripts/test.sh)');
    scratch = await createScratchDatabase(databaseUrl, 'att');
    db = getDb(scratch.url);
    const event = await db.event.create({ data: { slug: `int-att-${tag}`, name: 'Attendance', startsOn: new Date('2026-01-01'), endsOn: new Date('2027-12-31'), timeZone: 'UTC', published: true } });
    const room = await db.room.create({ data: { eventId: event.id, slug: `int-att-${tag}`, name: 'Room' } });
    const track = await db.track.create({ data: { eventId: event.id, slug: 'team', name: 'Team' } });
    const session = await db.session.create({
      data: { trackId: track.id, roomId: room.id, title: 'Now', startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3600_000) },
    });
    roomSlug = room.slug;
    roomId = room.id;
    sessionId = session.id;
    webPort = await freePort();
    await startWeb();
    if (!process.env['MEDIASOUP_WORKER_BIN']) throw new Error('set MEDIASOUP_WORKER_BIN to the built mediasoup worker (the test stack exports it)');
    const keys = await generateJoinTokenKeyPair();
    signer = await createJoinTokenSigner(keys.privateKeyPem);
    sfuPort = await freePort();
    sfu = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../../../apps/sfu/src/main.ts')], {
      env: {
        PATH: process.env['PATH'],
        MEDIASOUP_WORKER_BIN: process.env['MEDIASOUP_WORKER_BIN'],
        SFU_PORT: String(sfuPort),
        SFU_RTC_PORT: '31410',
        SFU_WORKERS: '1',
        SFU_METRICS_PORT: String(await freePort()),
        SFU_ALLOWED_ORIGINS: 'http://localhost:3000',
        JOIN_TOKEN_PUBLIC_KEY: keys.publicKeyPem,
        WEB_INTERNAL_URL: `http://127.0.0.1:${webPort}`,
        AUTH_SERVICE_SECRET: secret,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => sfuLog.push(...chunk.toString().split('\n').filter(Boolean));
    sfu.stdout?.on('data', keep);
    sfu.stderr?.on('data', keep);
    await waitFor('the SFU to answer /healthz', async () => {
      if (sfu.exitCode !== null) throw new Error(`the SFU exited: ${sfuLog.slice(-5).join(' | ')}`);
      return (await fetch(`http://127.0.0.1:${sfuPort}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
    }, 60_000, 200);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    sfu?.kill('SIGTERM');
    await stopWeb();
    await db?.event.deleteMany({ where: { slug: { startsWith: `int-att-${tag}` } } });
    await disconnectAll();
    await scratch?.dispose();
    await disconnectAll();
  });

  const attendees = () => createAttendanceRepository(db).listForSession(sessionId);

  /** Joins the room's call over the SFU's signaling as a browser does (no media): the SFU reports the join. */
  async function join(name: string): Promise<WebSocket> {
    const { token } = await signer.sign({ room: roomSlug, name, role: 'participant', canPublish: false }, { subject: `user-${randomUUID()}` });
    const socket = new WebSocket(`ws://127.0.0.1:${sfuPort}/ws?token=${token}`, { headers: { Origin: 'http://localhost:3000' } });
    sockets.push(socket);
    const answers = new Map<number, { ok: boolean; data?: { rtpCapabilities?: unknown }; error?: unknown }>();
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string; id?: number; ok: boolean };
      if (message.type === 'response' && message.id !== undefined) answers.set(message.id, message);
    });
    await new Promise((done, fail) => socket.once('open', done).once('error', fail));
    const ask = async (id: number, body: Record<string, unknown>) => {
      socket.send(JSON.stringify({ id, ...body }));
      const answer = await waitFor(`the answer to ${String(body['type'])}`, () => answers.get(id), 15_000, 20);
      if (!answer.ok) throw new Error(`${String(body['type'])} refused: ${JSON.stringify(answer.error)}`);
      return answer.data;
    };
    const capabilities = await ask(1, { type: 'getRouterRtpCapabilities' });
    await ask(2, { type: 'join', rtpCapabilities: capabilities?.rtpCapabilities, transports: [] });
    return socket;
  }

  it("records each join and leave of the room's call, a leave reported while the web app restarts included", async () => {
    const ada = await join('Ada Lovelace');
    const bo = await join('Bo');
    const joined = await waitFor('both joins', async () => {
      const rows = await attendees();
      return rows.length === 2 && rows;
    }, 30_000);
    expect(joined.map((row) => [row.displayName, row.leftAt])).toEqual([
      ['Ada Lovelace', null],
      ['Bo', null],
    ]);
    expect(joined[0]!.subject).toMatch(/^user-/);

    // The web app goes away; Ada leaves meanwhile; the report waits and arrives once it is back.
    await stopWeb();
    const leftAt = Date.now();
    ada.close();
    await waitFor('the SFU to fail to report the leave', () => sfuLog.some((line) => line.includes('could not report to the web app')), 30_000, 20);
    await startWeb();
    const after = await waitFor("Ada's leave", async () => {
      const rows = await attendees();
      return rows.find((row) => row.displayName === 'Ada Lovelace')?.leftAt && rows;
    }, 30_000);
    const adaRow = after.find((row) => row.displayName === 'Ada Lovelace')!;
    expect(adaRow.leftAt!.getTime()).toBeGreaterThanOrEqual(adaRow.joinedAt.getTime());
    expect(Math.abs(adaRow.leftAt!.getTime() - leftAt)).toBeLessThan(10_000);
    expect(after.find((row) => row.displayName === 'Bo')!.leftAt).toBeNull();
    bo.close();
    await waitFor("Bo's leave", async () => (await attendees()).every((row) => row.leftAt !== null), 30_000);
  });

  it('refuses reports without the service secret or malformed, writing nothing; a join of an unknown room is not recorded', async () => {
    const id = randomUUID();
    const join = { type: 'join', id, room: roomSlug, subject: 'user-x', displayName: 'Mallory', at: new Date().toISOString() };
    expect((await post({ events: [join] }, 'Bearer wrong')).status).toBe(401);
    expect((await post({ events: [join] }, '')).status).toBe(401);
    const bad = await post({ events: [join, { type: 'join', id: 'not-a-uuid', room: roomSlug, subject: 's', displayName: 'X', at: 'yesterday' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^Bad report: events\.1\./);
    expect((await post({ events: [] })).status).toBe(400);
    expect((await attendees()).some((row) => row.displayName === 'Mallory')).toBe(false);
    const unknown = await post({ events: [{ ...join, room: `int-att-${tag}-nowhere` }] });
    expect(await unknown.json()).toEqual({ ok: true, events: 1, unknownRooms: 1 });
    expect(await db.attendance.count({ where: { id } })).toBe(0);
    // Sent twice (an answer lost on the way): one row.
    expect((await post({ events: [join] })).status).toBe(200);
    expect((await post({ events: [join, { type: 'leave', id, at: new Date().toISOString() }] })).status).toBe(200);
    expect(await db.attendance.count({ where: { id } })).toBe(1);
  });

  it('refuses to remove a room while a session is upcoming or its notes were not exported, and removes it once exported', async () => {
    const rooms = createRoomRemovalRepository(db);
    const refusal = async () => removeRoom(rooms, roomId).then(() => 'removed', (error: AppError) => `${error.code}: ${error.userMessage}`);
    expect(await refusal()).toMatch(/^CONFLICT: The room ".*" has 1 session running or still to come/);
    // The session is over and its notes were taken.
    await db.session.update({ where: { id: sessionId }, data: { startsAt: new Date(Date.now() - 7200_000), endsAt: new Date(Date.now() - 3600_000) } });
    await db.sessionNotes.create({ data: { sessionId, status: 'taken', takenAt: new Date(), endRev: 3, text: 'notes\n' } });
    expect(await refusal()).toMatch(/^CONFLICT: The room ".*" has session notes that were not exported; export its notes first/);
    expect(await db.room.count({ where: { id: roomId } })).toBe(1);
    await rooms.markNotesExported(roomId);
    expect(await refusal()).toBe('removed');
    expect(await db.room.count({ where: { id: roomId } })).toBe(0);
    expect(await createSessionNotesRepository(db).findBySession(sessionId)).toBeNull();
    expect(await refusal()).toBe('NOT_FOUND: There is no such room.');
  });
});
