/**
 * Benchmark of the notes after the meeting (issue 12; not a test): prints figures, asserts nothing.
 *
 * Snapshots (part A): 200 sessions in 200 rooms all end at the same instant (a PTG hour boundary)
 * while their pads are being edited (synthetic editors speaking Etherpad's own protocol,
 * `connectEtherpadSocket` from @padmeet/pad/testing, a character every 1-2 s each, from before the
 * start until after the last snapshot). The notes runner runs in a process of its own with the
 * settings the web server gives it (libs/notes, as in apps/web/src/main.ts). Reported: from the end
 * instant until each session's end snapshot is in PostgreSQL (`taken_at - ends_at`): first, p50, p95,
 * last, and how many were taken within the 60 s target; the start snapshots likewise; with the
 * machine (cores, load average) and the edits accepted meanwhile.
 *
 * Search (part B): see the marked place in main(); it runs on the same stack.
 *
 * Starts its own stack (PostgreSQL database padmeet_bench_notes, Etherpad processes, auth, SFU;
 * infra/stack/run.ts with a port offset, no web build). Run it alone on the machine:
 *
 *   flock /tmp/padmeet-stack.lock npm run bench:notes [-- --sessions 200 --editors 200 --lead 20 --length 30 --offset 820]
 *   npm run bench:notes -- --etherpad-url http://127.0.0.1:9301 --api-key-file /tmp/ep/APIKEY.txt --database-url postgresql://…
 *       against a running Etherpad and a migrated database (no stack started)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createPadService } from '../../libs/pad/src/index';
import { connectEtherpadSocket, type EtherpadSocket } from '../../libs/pad/src/testing/etherpad-socket';
import { padProcessIndex } from '../../libs/pad/src/pad-process';
import { ensureDatabase, percentile, startServices, stopper } from './support';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '200' },
    editors: { type: 'string', default: '200' },
    /** Seconds from the end of seeding to the sessions' start, and the sessions' length. */
    lead: { type: 'string', default: '20' },
    length: { type: 'string', default: '30' },
    offset: { type: 'string', default: '820' },
    database: { type: 'string', default: 'padmeet_bench_notes' },
    'etherpad-url': { type: 'string' },
    'api-key-file': { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const sessionCount = Number(args.sessions);
const editorCount = Number(args.editors);
const offset = Number(args.offset);
const log = (line: string) => process.stdout.write(`bench:notes: ${line}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const runId = Date.now().toString(36);

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

const machine = () => `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const adminUrl = process.env['DATABASE_URL'] ?? 'postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet';
  log(`machine: ${machine()}`);
  let databaseUrl: string;
  let stackEnv: Record<string, string>;
  let stopServices = async () => undefined as void;
  if (args['etherpad-url'] && args['api-key-file'] && args['database-url']) {
    databaseUrl = args['database-url'];
    stackEnv = { ETHERPAD_URL: args['etherpad-url'], ETHERPAD_API_KEY: readFileSync(args['api-key-file'], 'utf8').trim() };
  } else {
    databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${args.database}` }).toString();
    await ensureDatabase(adminUrl, args.database);
    log(`starting PostgreSQL, Etherpad, auth and SFU (port offset ${offset})…`);
    const services = await startServices(root, offset, {
      DATABASE_URL: databaseUrl,
      ETHERPAD_DATABASE_URL: process.env['ETHERPAD_DATABASE_URL'] ?? Object.assign(new URL(adminUrl), { pathname: `/${args.database}_etherpad` }).toString(),
    });
    stackEnv = services.stackEnv;
    stopServices = services.stop;
  }
  const { getDb, disconnectAll } = await import('../../libs/data/src/index');
  const db = getDb(databaseUrl);
  const etherpadUrls = (stackEnv['ETHERPAD_URL'] ?? '').split(',').filter(Boolean);
  const apiKey = stackEnv['ETHERPAD_API_KEY'] ?? '';
  const sockets: EtherpadSocket[] = [];
  let stopRunner = async () => undefined as void;
  // Ctrl-C (or a timeout's TERM) stops the stack this run started, too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    await snapshots({ db, etherpadUrls, apiKey, databaseUrl, sockets, setRunnerStop: (stop) => (stopRunner = stop) });

    // ------------------------------------------------------------------------------------------
    // Part B: the search half (search p95 over an event with 500 sessions' notes), on the same
    // database, printing its own figures (infra/bench/notes-search.ts).
    const { searchBenchmark } = await import('./notes-search');
    await searchBenchmark(db, { log });
    // ------------------------------------------------------------------------------------------
  } finally {
    await cleanUp();
  }

  async function cleanUp() {
    for (const socket of sockets) socket.close();
    await stopRunner();
    await disconnectAll();
    await stopServices();
  }
}

interface SnapshotContext {
  db: Awaited<ReturnType<typeof import('../../libs/data/src/index').getDb>>;
  etherpadUrls: string[];
  apiKey: string;
  databaseUrl: string;
  sockets: EtherpadSocket[];
  setRunnerStop: (stop: () => Promise<void>) => void;
}

async function snapshots({ db, etherpadUrls, apiKey, databaseUrl, sockets, setRunnerStop }: SnapshotContext) {
  const pads = createPadService({ apiUrls: etherpadUrls, apiKey, timeoutMs: 20_000 });
  log(`seeding ${sessionCount} rooms with a pad and a session each (${etherpadUrls.length} Etherpad processes)…`);
  const event = await db.event.create({
    data: { slug: `bench-notes-${runId}`, name: 'Notes benchmark', startsOn: new Date(Date.now() - 86_400_000), endsOn: new Date(Date.now() + 86_400_000), timeZone: 'UTC', published: true },
  });
  const groupId = await pads.createEventGroup(event.id);
  await db.event.update({ where: { id: event.id }, data: { padGroupId: groupId } });
  const track = await db.track.create({ data: { eventId: event.id, slug: 'bench', name: 'Bench' } });
  const template = Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of what the room wrote before`).join('\n');
  const rooms = await mapLimit(Array.from({ length: sessionCount }, (_, i) => i), 8, async (i) => {
    const slug = `bn-${runId}-${i}`;
    const room = await db.room.create({ data: { eventId: event.id, slug, name: `Room ${i}`, position: i } });
    const { padId } = await pads.ensureRoomPad({ groupId, roomSlug: slug }, `${template}\n`);
    return { id: room.id, slug, padId };
  });

  log(`connecting ${editorCount} editors (each its own author, session and address)…`);
  const validUntil = new Date(Date.now() + 3600_000);
  await mapLimit(Array.from({ length: editorCount }, (_, i) => i), 8, async (i) => {
    const room = rooms[i % rooms.length]!;
    const authorId = await pads.ensureAuthor(`bench:${runId}:${i}`, `Editor ${i}`);
    const sessionId = await pads.createSession(groupId, authorId, validUntil);
    const baseUrl = etherpadUrls[padProcessIndex(room.padId, etherpadUrls.length)]!;
    sockets.push(await connectEtherpadSocket({ baseUrl, padId: room.padId, sessionId, forwardedFor: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }));
  });

  // Everything starts `lead` seconds from now and ends `length` seconds later, at one instant.
  const startsAt = new Date(Math.ceil((Date.now() + Number(args.lead) * 1000) / 1000) * 1000);
  const endsAt = new Date(startsAt.getTime() + Number(args.length) * 1000);
  await db.session.createMany({ data: rooms.map((room, i) => ({ trackId: track.id, roomId: room.id, title: `Session ${i}`, startsAt, endsAt })) });
  const sessionIds = (await db.session.findMany({ where: { room: { eventId: event.id } }, select: { id: true } })).map((row) => row.id);

  // The runner as the web server runs it, in a process of its own.
  const runner = spawn(process.execPath, ['--import', 'tsx', join(root, 'libs/notes/src/testing/runner-child.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ETHERPAD_URL: etherpadUrls.join(','), ETHERPAD_API_KEY: apiKey, NOTES_EVENT_ID: event.id, NOTES_RUNNER_ID: `bench-${runId}`, NOTES_INTERVAL_MS: '2000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  setRunnerStop(stopper(runner));

  // Editing: each editor types a character every 1-2 s, until told to stop.
  let typing = true;
  let accepted = 0;
  let refused = 0;
  const editing = Promise.all(
    sockets.map(async (socket) => {
      while (typing && !socket.failure) {
        await sleep(1000 + Math.random() * 1000);
        if (!typing) break;
        await socket.append('abcdefghij'[Math.floor(Math.random() * 10)]!).then(
          () => (accepted += 1),
          () => (refused += 1),
        );
      }
    }),
  );
  log(`sessions start at ${startsAt.toISOString()} and all end at ${endsAt.toISOString()}; editing meanwhile…`);

  const counts = async () => {
    const rows = await db.sessionNotes.findMany({ where: { sessionId: { in: sessionIds } }, select: { startTakenAt: true, takenAt: true, status: true, attempts: true, lastError: true } });
    return rows;
  };
  const deadline = endsAt.getTime() + 300_000;
  let rows = await counts();
  let loadAtEnd = '';
  let acceptedAtEnd = 0;
  while (Date.now() < deadline) {
    await sleep(250);
    if (runner.exitCode !== null) throw new Error(`the notes runner exited (${runner.exitCode}) during the run`);
    if (!loadAtEnd && Date.now() >= endsAt.getTime()) {
      loadAtEnd = loadavg().map((n) => n.toFixed(2)).join(' ');
      acceptedAtEnd = accepted;
    }
    rows = await counts();
    if (Date.now() > endsAt.getTime() && rows.filter((row) => row.status === 'taken').length === sessionIds.length) break;
  }
  const editsDuringSnapshots = accepted - acceptedAtEnd;
  typing = false;
  await editing;

  const startDelays = rows.filter((row) => row.startTakenAt).map((row) => row.startTakenAt!.getTime() - startsAt.getTime()).sort((a, b) => a - b);
  const endDelays = rows.filter((row) => row.takenAt).map((row) => row.takenAt!.getTime() - endsAt.getTime()).sort((a, b) => a - b);
  const within = endDelays.filter((ms) => ms <= 60_000).length;
  const failures = rows.filter((row) => row.lastError).length;
  const attempts = rows.reduce((sum, row) => sum + row.attempts, 0);
  log('');
  log(`machine: ${machine()} (load average at the end instant: ${loadAtEnd})`);
  log(`${sessionCount} sessions in ${sessionCount} rooms ending at one instant, ${editorCount} editors typing a character every 1-2 s, ${etherpadUrls.length} Etherpad processes`);
  log(`start snapshots: ${startDelays.length}/${sessionCount}; after the start: first ${seconds(startDelays[0] ?? NaN)}, p50 ${seconds(percentile(startDelays, 50))}, p95 ${seconds(percentile(startDelays, 95))}, last ${seconds(startDelays.at(-1) ?? NaN)}`);
  log(`end snapshots:   ${endDelays.length}/${sessionCount}; after the end:   first ${seconds(endDelays[0] ?? NaN)}, p50 ${seconds(percentile(endDelays, 50))}, p95 ${seconds(percentile(endDelays, 95))}, last ${seconds(endDelays.at(-1) ?? NaN)}`);
  log(`taken within 60 s of the end: ${within}/${sessionCount} (target: all ${sessionCount})`);
  log(`claims ${attempts} (2 per session when nothing fails), rows with a failure still recorded: ${failures}; edits accepted ${accepted} (${editsDuringSnapshots} while the snapshots were being taken), refused ${refused}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:notes failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
