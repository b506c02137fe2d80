/**
 * Benchmark of the notes archive's search (issue 12; not a test: it prints figures, asserts nothing).
 * Seeds an event with 500 ended sessions in 20 rooms, each with a taken snapshot whose notes are
 * 150-600 words (a shared working vocabulary, plus a few words planted in one or a few sessions),
 * then times `notes.search` as the web app runs it (the tRPC procedure in this process: access
 * check, the ranked full-text query over the GIN index, ts_headline of the best 20, the sessions'
 * facts), sequentially, for several kinds of query, and prints p50/p95/p99 per kind and overall
 * with the machine. Target (issue 12): p95 ≤ 100 ms.
 *
 *   npm run bench:notes            (infra/bench/notes-snapshots.ts runs this after its snapshot half, on its stack)
 *   node --import tsx infra/bench/notes-search.ts [--queries 60 --sessions 500 --database padmeet_bench_notes_search]
 *                                  (alone: needs only PostgreSQL)
 *
 * Needs PostgreSQL (infra/scripts/postgres.sh) and a role that may create the database.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createServerCaller, type ApiDeps } from '../../libs/api/src/server';
import { createNotesArchiveRepository, disconnectAll, getDb, type Db } from '../../libs/data/src/index';
import { createLogger } from '../../libs/util/src/index';
import { ensureDatabase, percentile } from './support';

const root = resolve(import.meta.dirname, '../..');
const print = (line: string) => process.stdout.write(`bench:notes-search: ${line}\n`);
const EVENT = 'bench-notes-search';

export interface SearchBenchmarkOptions {
  /** Ended sessions with taken notes in the event (default 500). */
  sessions?: number;
  /** Searches per kind of query (default 60). */
  queries?: number;
  log?: (line: string) => void;
}

/** A small deterministic generator (mulberry32), so every run seeds the same notes. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'release plan review patch gate zuul nodepool job pipeline merge branch stable backport bug fix test ' +
  'failure flaky timeout upgrade python image container kubernetes operator deploy config network storage ' +
  'volume quota api version deprecation removal spec blueprint design meeting action owner deadline cycle ' +
  'milestone freeze feature request docs translation packaging security vulnerability embargo disclosure ' +
  'performance latency benchmark scale cells scheduler placement allocation resource provider trait ' +
  'discussed agreed decided follow-up next steps team core reviewer contributor onboarding mentor'
).split(' ');

function notesOf(next: () => number, planted: string[]): string {
  const lines: string[] = [];
  const words = 150 + Math.floor(next() * 450);
  let line: string[] = [];
  for (let i = 0; i < words; i++) {
    line.push(VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
    if (line.length >= 6 + Math.floor(next() * 10)) {
      lines.push(`- ${line.join(' ')}`);
      line = [];
    }
  }
  if (line.length) lines.push(`- ${line.join(' ')}`);
  for (const word of planted) lines.splice(Math.floor(next() * lines.length), 0, `- ${word} came up and was discussed`);
  return `${lines.join('\n')}\n`;
}

async function seed(db: Db, sessionCount: number): Promise<string> {
  await db.event.deleteMany({ where: { slug: EVENT } });
  const yesterday = new Date(Date.now() - 86_400_000);
  const day = `${yesterday.toISOString().slice(0, 10)}`;
  const event = await db.event.create({ data: { slug: EVENT, name: 'Notes search benchmark', startsOn: new Date(day), endsOn: new Date(day), timeZone: 'UTC', published: true } });
  const next = random(12);
  const rooms = 20;
  const perRoom = Math.ceil(sessionCount / rooms);
  let made = 0;
  for (let r = 0; r < rooms && made < sessionCount; r++) {
    const room = await db.room.create({ data: { eventId: event.id, slug: `${EVENT}-${r + 1}`, name: `Room ${r + 1}`, position: r } });
    const track = await db.track.create({ data: { eventId: event.id, slug: `team-${r + 1}`, name: `Team ${r + 1}`, position: r } });
    for (let i = 0; i < perRoom && made < sessionCount; i++, made++) {
      const startsAt = new Date(`${day}T00:00:00Z`);
      startsAt.setUTCMinutes(i * 45);
      const session = await db.session.create({
        data: { trackId: track.id, roomId: room.id, title: `Team ${r + 1} session ${i + 1}`, agenda: '', startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000) },
      });
      // Planted words: "zeppelin" in one session, "quasar" in five, "übersetzung" in ten.
      const planted = [made === 123 ? 'zeppelin' : '', made % 100 === 7 ? 'quasar' : '', made % 50 === 3 ? 'Übersetzung' : ''].filter(Boolean);
      const change = notesOf(next, planted);
      await db.$executeRaw`
        INSERT INTO session_notes (session_id, status, start_rev, end_rev, text, html, change_text, change_html, authors, taken_at)
        VALUES (${session.id}::uuid, 'taken', 1, 2, ${change}, '', ${change}, '', '[{"name":"Ada","colour":"#1f6fb2"}]'::jsonb, ${session.endsAt})`;
    }
  }
  await db.$executeRaw`ANALYZE session_notes`;
  return event.id;
}

const QUERIES: Record<string, string[]> = {
  'one rare word (1 session)': ['zeppelin'],
  'a word in 5 sessions': ['quasar'],
  'a common word (most sessions)': ['release', 'review', 'kubernetes', 'scheduler'],
  'two common words': ['release plan', 'flaky test', 'security embargo'],
  'a phrase': ['"next steps"', '"stable backport"'],
  'stemmed form': ['deploying', 'reviewed', 'failures'],
  'no match': ['xylophone'],
};

/**
 * Seeds the search event in `db` (a migrated padmeet database; reseeded when its size differs) and
 * prints the figures. Leaves the connection open (the caller owns it).
 */
export async function searchBenchmark(db: Db, options: SearchBenchmarkOptions = {}): Promise<{ p50: number; p95: number; p99: number }> {
  const sessionCount = options.sessions ?? 500;
  const perKind = options.queries ?? 60;
  const log = options.log ?? print;
  log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const seeded = Date.now();
  const existing = await db.session.count({ where: { room: { event: { slug: EVENT } } } });
  if (existing !== sessionCount) await seed(db, sessionCount);
  const [{ bytes } = { bytes: 0n }] = await db.$queryRaw<{ bytes: bigint }[]>`SELECT sum(length(change_text))::bigint AS bytes FROM session_notes n JOIN session s ON s.id = n.session_id JOIN room r ON r.id = s.room_id JOIN event e ON e.id = r.event_id WHERE e.slug = ${EVENT}`;
  log(`${sessionCount} ended sessions with taken notes (${Math.round(Number(bytes) / 1024)} KiB of notes), ready in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const deps = { notesArchive: createNotesArchiveRepository(db), logger: createLogger({ name: 'bench', level: 'silent' }), now: Date.now } as unknown as ApiDeps;
  const api = createServerCaller(deps);
  // Warm-up: connections, plans, caches.
  for (let i = 0; i < 10; i++) await api.notes.search({ eventSlug: EVENT, query: 'release' });

  const all: number[] = [];
  const rows: string[] = [];
  for (const [kind, queries] of Object.entries(QUERIES)) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < perKind; i++) {
      const query = queries[i % queries.length]!;
      const start = performance.now();
      const result = await api.notes.search({ eventSlug: EVENT, query });
      times.push(performance.now() - start);
      hits = result.hits.length;
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    rows.push(`${kind.padEnd(32)} ${String(hits).padStart(4)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)} ${percentile(times, 99).toFixed(1).padStart(8)}`);
  }
  all.sort((a, b) => a - b);
  const figures = { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99) };
  log(`notes.search over ${sessionCount} sessions' notes, ${perKind} sequential searches per kind (ms; at most 20 hits, each highlighted):`);
  log(`${'query'.padEnd(32)} ${'hits'.padStart(4)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}`);
  for (const row of rows) log(row);
  log(`${'all'.padEnd(32)} ${''.padStart(4)} ${figures.p50.toFixed(1).padStart(8)} ${figures.p95.toFixed(1).padStart(8)} ${figures.p99.toFixed(1).padStart(8)}`);
  log(`load average after the searches: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine inflates these figures)`);
  log(`target p95 ≤ 100 ms: ${figures.p95 <= 100 ? 'met' : 'NOT met'} on this run`);
  const plan = await db.$queryRaw<{ 'QUERY PLAN': string }[]>`
    EXPLAIN SELECT session_id FROM session_notes WHERE search @@ (websearch_to_tsquery('english', 'zeppelin') || websearch_to_tsquery('simple', 'zeppelin'))`;
  log(`plan of the match alone: ${plan.map((p) => p['QUERY PLAN'].trim()).join(' | ')}`);
  return figures;
}

/** Alone: its own database (PostgreSQL only), migrated. */
async function main() {
  const { values: args } = parseArgs({
    options: {
      queries: { type: 'string', default: '60' },
      database: { type: 'string', default: 'padmeet_bench_notes_search' },
      sessions: { type: 'string', default: '500' },
    },
  });
  const adminUrl = process.env['DATABASE_URL'] ?? 'postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet';
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${args.database}` }).toString();
  await ensureDatabase(adminUrl, args.database);
  execFileSync('bash', [join(root, 'infra/scripts/prisma.sh'), 'migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'ignore' });
  await searchBenchmark(getDb(databaseUrl), { sessions: Number(args.sessions), queries: Number(args.queries) });
  await disconnectAll();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch(async (error: unknown) => {
    process.stderr.write(`bench:notes-search failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await disconnectAll();
    process.exit(1);
  });
}
