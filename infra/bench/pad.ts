/**
 * Benchmark of the pad (not a test): Etherpad's own protocol (socket.io 2, what the pad page
 * speaks; libs/pad/src/testing/etherpad-socket.ts) through padmeet's `/pad` proxy and directly
 * to the same Etherpad process, in the same run, one after the other. Through padmeet twice: the
 * web server as shipped (`padmeet`: it hands each pad WebSocket to its Etherpad process, as the
 * stack does) and a second one that relays them (`relayed`, PADMEET_PAD_HANDOFF=off: the baseline):
 *   - one pad with 5 authors + 5 viewers, 40 + 100, 85 + 100;
 *   - 10 rooms at once, each a pad with 20 authors + 30 viewers;
 *   - a search for the most such rooms through padmeet that hold edit → seen p95 ≤ 100 ms;
 *   - optionally (--joins N) real Chromium: click "Join room" on /r/<room> → pad editor ready.
 * Authors type a character every 1-2 s (random); each point measures edit → seen by each other
 * client of the pad (from the keystroke, i.e. before the edit is sent, to NEW_CHANGES arriving),
 * p50/p95/p99, and the CPU (user + sys from /proc/<pid>/stat over the measuring window) of the web
 * process and of each Etherpad process. Each client is its own Etherpad author with its own session
 * (group pads, requireSession) and its own X-Forwarded-For, so Etherpad's per-client commit rate
 * limit applies per client. The load generator runs in this process, on the same machine.
 *
 * Starts its own stack like infra/bench/schedule.ts (PostgreSQL, Etherpad, auth, SFU from
 * infra/stack/run.ts with a port offset, and the web app's production build with
 * PADMEET_TRUSTED_PROXIES=1), prints a markdown table and appends it to docs/benchmarks-pad.md.
 *
 *   npm run bench:pad [-- --seconds 25 --search 2,4,6,8,10,12 --joins 10 --offset 800]
 *   npm run bench:pad -- --etherpad-url http://127.0.0.1:9301 --api-key-file /tmp/ep-dev/APIKEY.txt
 *       [--web-url http://127.0.0.1:3100]      against a running Etherpad (and padmeet); no web URL: direct only
 *
 * Options: --seconds (per point), --warmup (s before measuring), --scenarios (names, comma-separated:
 * 5+5,40+100,85+100,10x20+30), --search (room counts; '' skips), --search-seconds, --joins (browser
 * joins; 0 skips), --clicks (which joins: ahead,typed,loaded,instant), --pad-origins (where the joins'
 * pad is: own, on its own origin as the stack runs it, in a renderer process of its own; same, at /pad
 * on the app's origin, the baseline, from a third web server of the same build; default own,same),
 * --trace <dir> (a Chromium performance
 * trace of each browser join, <click>-<n>.json, for chrome://tracing or DevTools), --transport
 * websocket|polling, --skip-build (reuse .next-bench-pad), --no-write. PADMEET_BENCH_DEBUG=1 logs the room
 * page's state, its marks and its API requests for a browser join that failed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, appendFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { connectEtherpadSocket, type EtherpadSocket, type EtherpadSocketError } from '../../libs/pad/src/testing/etherpad-socket';
import { padProcessIndex } from '../../libs/pad/src/pad-process';
import { etherpadApi } from '../../libs/pad/src/testing/etherpad-api';
import { buildWeb, CHROMIUM_ARGS, ensureDatabase, PAD_EDITOR_READY, PAD_FRAME, percentile, startServices, startWeb, waitForJoinButton, waitForPreJoin } from './support';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '25' },
    warmup: { type: 'string', default: '3' },
    scenarios: { type: 'string', default: '5+5,40+100,85+100,10x20+30' },
    search: { type: 'string', default: '2,4,6,8,10,12' },
    'search-seconds': { type: 'string' },
    joins: { type: 'string', default: '10' },
    transport: { type: 'string', default: 'websocket' },
    offset: { type: 'string', default: '800' },
    database: { type: 'string', default: 'padmeet_bench_pad' },
    'etherpad-url': { type: 'string' },
    'api-key-file': { type: 'string' },
    'web-url': { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    clicks: { type: 'string', default: 'ahead,typed,loaded,instant' },
    'pad-origins': { type: 'string', default: 'own,same' },
    trace: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const warmup = Number(args.warmup);
const searchSeconds = Number(args['search-seconds'] ?? args.seconds);
const offset = Number(args.offset);
const transport = args.transport === 'polling' ? 'polling' : 'websocket';
const log = (line: string) => process.stdout.write(`bench:pad: ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runId = Date.now().toString(36);

// ---------------------------------------------------------------------------------------------
// Etherpad's HTTP API (group pads, authors, sessions), always straight to the process of the pad.

class EtherpadApi {
  constructor(
    readonly urls: string[],
    private readonly apiKey: string,
  ) {}

  call<T = Record<string, unknown>>(process: number, fn: string, params: Record<string, string>): Promise<T> {
    return etherpadApi<T>(this.urls[process]!, this.apiKey, fn, params);
  }
}

interface Room {
  padId: string;
  process: number;
  /** One session per client, in client order (authors first). */
  sessions: string[];
}

/** A fresh group pad and one author + session per client, on the pad's process. */
async function preparePad(api: EtherpadApi, name: string, clients: number, clientBase: number): Promise<Room> {
  const { groupID } = await api.call<{ groupID: string }>(0, 'createGroupIfNotExistsFor', { groupMapper: `bench-${name}` });
  const padId = `${groupID}$${name}`;
  const process = padProcessIndex(padId, api.urls.length);
  await api.call(process, 'createGroupPad', { groupID, padName: name, text: '' });
  const validUntil = String(Math.floor(Date.now() / 1000) + 3600);
  const sessions = await mapLimit(Array.from({ length: clients }, (_, i) => clientBase + i), 8, async (client) => {
    const { authorID } = await api.call<{ authorID: string }>(process, 'createAuthorIfNotExistsFor', { authorMapper: `bench-client-${client}`, name: `client ${client}` });
    const { sessionID } = await api.call<{ sessionID: string }>(process, 'createSession', { groupID, authorID, validUntil });
    return sessionID;
  });
  return { padId, process, sessions };
}

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

// ---------------------------------------------------------------------------------------------
// CPU of a process: user + sys ticks from /proc/<pid>/stat.

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  } catch {
    return NaN;
  }
}

/**
 * CPU ticks of every process on the machine, summed by what it is (Chromium's processes by their
 * type, padmeet's services, the load generator): who competes for the two cores while a browser
 * joins. Processes started in between count from 0.
 */
function machineTicks(): Map<number, { ticks: number; what: string }> {
  const out = new Map<number, { ticks: number; what: string }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
    const ticks = cpuTicks(pid);
    if (Number.isNaN(ticks)) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const chromium = /chromium/.test(cmd) ? `Chromium ${/--type=(\S+)/.exec(cmd)?.[1] ?? 'browser'}` : undefined;
    const service = ['etherpad', 'apps/web', 'apps/sfu', 'apps/auth', 'postgres', 'mediasoup-worker', 'bench/pad', 'playwright'].find((k) => cmd.includes(k));
    out.set(pid, { ticks, what: chromium ?? (service === 'bench/pad' ? 'this benchmark' : service) ?? 'other' });
  }
  return out;
}

function addTicks(totals: Map<string, number>, before: Map<number, { ticks: number }>, after: Map<number, { ticks: number; what: string }>) {
  for (const [pid, { ticks, what }] of after) totals.set(what, (totals.get(what) ?? 0) + ticks - (before.get(pid)?.ticks ?? 0));
}

/** The process listening on a TCP port of this machine (socket inode → /proc/<pid>/fd). */
function pidListeningOn(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue;
      if (parseInt(cols[1]!.split(':')[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(target);
        if (m && inodes.has(m[1]!)) return Number(pid);
      } catch {
        /* gone */
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// One measuring point.

/**
 * padmeet: through the web server as shipped (pad WebSockets handed to Etherpad); relayed: through
 * a second web server that relays them (PADMEET_PAD_HANDOFF=off, the baseline of the handoff);
 * direct: straight to the Etherpad process.
 */
type Via = 'padmeet' | 'relayed' | 'direct';

interface Point {
  label: string;
  via: Via;
  rooms: number;
  authors: number;
  viewers: number;
  clients: number;
  connected: number;
  connectFailures: number;
  connectReasons: string[];
  disconnects: number;
  disconnectReasons: string[];
  rejected: number;
  /** Keystrokes typed in the window whose edit was accepted (the latency samples) … */
  edits: number;
  /** … and those whose edit was not accepted by the end of the grace period (not in the figures). */
  unaccepted: number;
  /** (edit, receiver) pairs never seen before the end of the grace period. */
  unseen: number;
  p50: number;
  p95: number;
  p99: number;
  /** Edit → seen by every other client of its pad. */
  p95All: number;
  webCpu: number;
  etherpadCpu: number[];
  loadCpu: number;
  seconds: number;
}

interface Stack {
  webUrl?: string;
  webPid?: number;
  /** The web server that relays pad WebSockets, when this run started one. */
  relayUrl?: string;
  relayPid?: number;
  /** The web server whose pad is at /pad on its own origin (the joins' baseline), when this run started one. */
  sameOriginUrl?: string;
  etherpadUrls: string[];
  etherpadPids: (number | undefined)[];
  api: EtherpadApi;
  stop: () => Promise<void>;
}

let clientCounter = 0;
/** Each point's pads are new (a warm-up point and a scenario may have the same shape). */
let pointCounter = 0;
const CHARS = 'abcdefghijklmnopqrstuvwxyz    ';

async function runPoint(stack: Stack, spec: { label: string; via: Via; rooms: number; authors: number; viewers: number; seconds: number }): Promise<Point> {
  const perPad = spec.authors + spec.viewers;
  const pointNumber = ++pointCounter;
  log(`${spec.label} via ${spec.via}: preparing ${spec.rooms} pad(s), ${spec.rooms * perPad} sessions…`);
  const rooms = await mapLimit(Array.from({ length: spec.rooms }, (_, r) => r), 2, (r) =>
    // A room slug (the proxy accepts only those): lower-case words joined by single hyphens.
    preparePad(stack.api, `bench-${runId}-${pointNumber}-${spec.via[0]}-${spec.rooms}x${spec.authors}-${spec.viewers}-${r + 1}`, perPad, r * perPad),
  );

  const point: Point = {
    ...spec,
    clients: spec.rooms * perPad,
    connected: 0,
    connectFailures: 0,
    connectReasons: [],
    disconnects: 0,
    disconnectReasons: [],
    rejected: 0,
    edits: 0,
    unaccepted: 0,
    unseen: 0,
    p50: NaN,
    p95: NaN,
    p99: NaN,
    p95All: NaN,
    webCpu: NaN,
    etherpadCpu: [],
    loadCpu: NaN,
  };
  const note = (list: string[], reason: string) => {
    if (!list.includes(reason) && list.length < 5) list.push(reason);
  };

  // Per pad: the authored revisions (keystroke time) and when each other client saw them.
  interface PadState {
    clients: EtherpadSocket[];
    /** Keystrokes by the revision that carried them (typing while an edit is in flight goes out as one edit). */
    typed: Map<number, { at: number; counted: boolean }[]>;
    seen: Map<number, number[]>;
  }
  const pads: PadState[] = rooms.map(() => ({ clients: [], typed: new Map(), seen: new Map() }));
  let measuring = false;
  let typing = true;
  let closing = false;
  let pendingCommits = 0;
  let pendingCounted = 0;

  log(`${spec.label} via ${spec.via}: connecting ${point.clients} clients (${transport})…`);
  const slots = rooms.flatMap((room, r) => room.sessions.map((session, i) => ({ room, r, session, author: i < spec.authors })));
  const connectedAuthors: { socket: EtherpadSocket; pad: PadState }[] = [];
  await mapLimit(slots, 16, async (slot) => {
    const n = ++clientCounter;
    const baseUrl = spec.via === 'padmeet' ? `${stack.webUrl}/pad` : spec.via === 'relayed' ? `${stack.relayUrl}/pad` : stack.etherpadUrls[slot.room.process]!;
    try {
      const socket = await connectEtherpadSocket({
        baseUrl,
        padId: slot.room.padId,
        sessionId: slot.session,
        transports: [transport],
        forwardedFor: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        timeoutMs: 20_000,
      });
      const pad = pads[slot.r]!;
      pad.clients.push(socket);
      point.connected += 1;
      socket.on('change', (change) => {
        let list = pad.seen.get(change.rev);
        if (!list) pad.seen.set(change.rev, (list = []));
        list.push(change.receivedAt);
      });
      socket.on('disconnect', (error) => {
        if (closing) return;
        point.disconnects += 1;
        if (error.reason === 'badChangeset') point.rejected += 1;
        note(point.disconnectReasons, error.reason);
      });
      if (slot.author) connectedAuthors.push({ socket, pad });
    } catch (error) {
      point.connectFailures += 1;
      note(point.connectReasons, (error as EtherpadSocketError).reason ?? String(error));
    }
  });
  if (point.connectFailures) log(`  ${point.connectFailures} connect failures: ${point.connectReasons.join('; ')}`);

  // Authors type: a character every 1-2 s each, starting at random moments.
  const timers = new Set<NodeJS.Timeout>();
  const typeLoop = (socket: EtherpadSocket, pad: PadState) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!typing || socket.failure) return;
      const at = performance.now();
      const counted = measuring;
      if (counted) pendingCounted += 1;
      pendingCommits += 1;
      socket.append(CHARS[Math.floor(Math.random() * CHARS.length)]!).then(
        (commit) => {
          let list = pad.typed.get(commit.rev);
          if (!list) pad.typed.set(commit.rev, (list = []));
          list.push({ at, counted });
        },
        () => {}, // the connection ended: counted as a disconnect (and the keystroke as unaccepted)
      ).finally(() => {
        pendingCommits -= 1;
        if (counted) pendingCounted -= 1;
      });
      typeLoop(socket, pad);
    }, 1000 + Math.random() * 1000);
    timers.add(timer);
  };
  for (const { socket, pad } of connectedAuthors) typeLoop(socket, pad);

  await sleep(warmup * 1000);
  // The web server on the path (the one relaying, for that path).
  const pids = [spec.via === 'relayed' ? stack.relayPid : stack.webPid, ...stack.etherpadPids];
  const before = pids.map((pid) => (pid ? cpuTicks(pid) : NaN));
  const loadBefore = process.cpuUsage();
  const started = performance.now();
  measuring = true;
  log(`${spec.label} via ${spec.via}: measuring ${spec.seconds} s…`);
  await sleep(spec.seconds * 1000);
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  const after = pids.map((pid) => (pid ? cpuTicks(pid) : NaN));
  const loadAfter = process.cpuUsage(loadBefore);
  typing = false;
  for (const t of timers) clearTimeout(t);

  // Grace: let the last edits be accepted and arrive everywhere (up to 10 s).
  const expected = (pad: PadState) => pad.clients.filter((c) => !c.failure).length - 1;
  const graceEnd = performance.now() + 10_000;
  while (performance.now() < graceEnd) {
    const done = pendingCommits === 0 && pads.every((pad) => [...pad.typed.keys()].every((rev) => (pad.seen.get(rev)?.length ?? 0) >= expected(pad)));
    if (done) break;
    await sleep(200);
  }
  point.unaccepted = pendingCounted;
  closing = true;
  for (const pad of pads) for (const c of pad.clients) c.close();

  const latencies: number[] = [];
  const allSeen: number[] = [];
  for (const pad of pads) {
    const receivers = pad.clients.length - 1;
    for (const [rev, keystrokes] of pad.typed) {
      const seen = pad.seen.get(rev) ?? [];
      const last = seen.length ? Math.max(...seen) : NaN;
      for (const edit of keystrokes) {
        if (!edit.counted) continue;
        point.edits += 1;
        for (const t of seen) latencies.push(t - edit.at);
        point.unseen += Math.max(0, receivers - seen.length);
        if (seen.length >= receivers && seen.length > 0) allSeen.push(last - edit.at);
      }
    }
  }
  latencies.sort((a, b) => a - b);
  allSeen.sort((a, b) => a - b);
  point.p50 = percentile(latencies, 50);
  point.p95 = percentile(latencies, 95);
  point.p99 = percentile(latencies, 99);
  point.p95All = percentile(allSeen, 95);
  const share = (i: number) => (after[i]! - before[i]!) / TICKS / elapsed;
  point.webCpu = spec.via === 'padmeet' || stack.webPid ? share(0) : NaN;
  point.etherpadCpu = stack.etherpadPids.map((_, i) => share(i + 1));
  point.loadCpu = (loadAfter.user + loadAfter.system) / 1e6 / elapsed;
  point.seconds = elapsed;
  log(
    `${spec.label} via ${spec.via}: ${point.edits} edits, p50 ${fmt(point.p50)} p95 ${fmt(point.p95)} p99 ${fmt(point.p99)} ms; ` +
      `web ${pct(point.webCpu)}, Etherpad ${point.etherpadCpu.map(pct).join(' + ')}, load generator ${pct(point.loadCpu)}; ` +
      `connect failures ${point.connectFailures}, disconnects ${point.disconnects}, rejected ${point.rejected}, not accepted ${point.unaccepted}, unseen ${point.unseen}`,
  );
  await sleep(1500); // let Etherpad drop the closed connections before the next point
  return point;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const pct = (n: number) => (Number.isFinite(n) ? `${Math.round(n * 100)} %` : '-');

// ---------------------------------------------------------------------------------------------
// The stack: PostgreSQL, Etherpad, auth, SFU from the stack runner; the web app's production build.

async function startStack(): Promise<Stack> {
  const adminUrl = process.env['DATABASE_URL'] ?? 'postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet';
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${args.database}` }).toString();
  await ensureDatabase(adminUrl, args.database);
  log(`starting PostgreSQL, Etherpad, auth and SFU (port offset ${offset})…`);
  const { stackEnv, secrets, stop: stopServices, services } = await startServices(root, offset, {
    DATABASE_URL: databaseUrl,
    ETHERPAD_DATABASE_URL: process.env['ETHERPAD_DATABASE_URL'] ?? Object.assign(new URL(adminUrl), { pathname: `/${args.database}_etherpad` }).toString(),
    // The joins' baseline web app (the pad on the app's origin, see below) joins calls too.
    SFU_ALLOWED_ORIGINS: `http://localhost:${3030 + offset}`,
  });
  try {
    const port = 3000 + offset;
    const webEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...stackEnv,
      DATABASE_URL: databaseUrl,
      SFU_PUBLIC_URL: `ws://127.0.0.1:${3002 + offset}/ws`,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: secrets['NEXTAUTH_SECRET'] ?? '',
      NEXT_TELEMETRY_DISABLED: '1',
      PADMEET_NEXT_DIST_DIR: '.next-bench-pad',
      ETHERPAD_URL: stackEnv['ETHERPAD_URL'] ?? '',
      PADMEET_TRUSTED_PROXIES: '1',
      LOG_LEVEL: 'warn',
    };
    // Each web app below says where its pad is (the services' environment names the stack's own).
    delete webEnv['PADMEET_PAD_ORIGIN'];
    if (!args['skip-build'] || !existsSync(join(root, 'apps/web/.next-bench-pad'))) {
      log('production build of the web app…');
      buildWeb(root, webEnv);
    }
    // As the stack runs it: the pad on its own origin (same host, another port).
    const web = await startWeb(root, port, { ...webEnv, WEB_METRICS_PORT: String(port + 50), PADMEET_PAD_ORIGIN: `http://localhost:${port + 3}` }, 'the web app', services);
    const relay = await startWeb(root, port + 20, { ...webEnv, WEB_METRICS_PORT: String(port + 70) }, 'the web app relaying pad WebSockets').catch(async (error: unknown) => {
      await web.stop();
      throw error;
    });
    const wantsSameOrigin = Number(args.joins) > 0 && args['pad-origins'].split(',').includes('same');
    const sameOrigin = wantsSameOrigin
      ? await startWeb(root, port + 30, { ...webEnv, WEB_METRICS_PORT: String(port + 80), NEXTAUTH_URL: `http://localhost:${port + 30}` }, 'the web app with the pad on its origin', services).catch(async (error: unknown) => {
          await web.stop();
          await relay.stop();
          throw error;
        })
      : undefined;
    const etherpadUrls = (stackEnv['ETHERPAD_URL'] ?? '').split(',').filter(Boolean);
    return {
      webUrl: web.url,
      webPid: web.pid,
      relayUrl: relay.url,
      relayPid: relay.pid,
      ...(sameOrigin ? { sameOriginUrl: sameOrigin.url } : {}),
      etherpadUrls,
      etherpadPids: etherpadUrls.map((u) => pidListeningOn(Number(new URL(u).port))),
      api: new EtherpadApi(etherpadUrls, stackEnv['ETHERPAD_API_KEY'] ?? ''),
      stop: async () => {
        await web.stop();
        await relay.stop();
        await sameOrigin?.stop();
        await stopServices();
      },
    };
  } catch (error) {
    await stopServices();
    throw error;
  }
}

function existingStack(): Stack {
  const etherpadUrls = args['etherpad-url']!.split(',').map((u) => u.replace(/\/+$/, ''));
  const keyFile = args['api-key-file'];
  if (!keyFile) throw new Error('--etherpad-url needs --api-key-file');
  const webUrl = args['web-url']?.replace(/\/+$/, '');
  return {
    webUrl,
    webPid: webUrl ? pidListeningOn(Number(new URL(webUrl).port || 80)) : undefined,
    etherpadUrls,
    etherpadPids: etherpadUrls.map((u) => pidListeningOn(Number(new URL(u).port))),
    api: new EtherpadApi(etherpadUrls, readFileSync(keyFile, 'utf8').trim()),
    stop: async () => {},
  };
}

// ---------------------------------------------------------------------------------------------
// Browser: click "Join room" on /r/<room> → the pad's editor ready inside its iframe.

/**
 * `times`: click → editor ready; `padTimes`: the pad's iframe in sight → editor ready (the pad's own
 * part, whatever the room page waits for before it mounts the pad).
 *
 * `click`, when the person clicks "Join room" (each browser is new: a new guest with an empty name field):
 * - `ahead`: after looking at the pre-join (as bench:room's joins: preview playing, the page joined
 *   ahead for the typed name);
 * - `typed`: right after typing the name at a fast typist's pace (a key every 120 ms) into a page
 *   that has loaded (network idle): the page has not joined ahead nor opened the camera;
 * - `loaded`: a script's visitor (Playwright's defaults): after the page's load event, the name
 *   filled in at once and the click as soon as the button answers;
 * - `instant`: as soon as the button answers (the page hydrated), the name filled in at once: the
 *   slowest click, faster than a person types.
 */
type JoinClick = 'ahead' | 'typed' | 'loaded' | 'instant';
/** What the visitor waits for before they fill in their name. */
const GOTO_WAIT = { ahead: 'networkidle', typed: 'networkidle', loaded: 'load', instant: 'domcontentloaded' } as const;
/** A fast typist: about 100 words a minute. */
const TYPING_DELAY_MS = 120;

/** PADMEET_BENCH_DEBUG=1: each browser join logs the room page's state and marks; a failed one also what the page logged and asked for. */
const DEBUG = !!process.env['PADMEET_BENCH_DEBUG'];

/** What the page logs, its errors, failed requests and its API requests (ms from now), as they come. */
function watchPage(page: Page): string[] {
  const lines: string[] = [];
  const t0 = performance.now();
  const at = () => Math.round(performance.now() - t0);
  page.on('console', (m) => lines.push(`${m.type()}: ${m.text().slice(0, 200)}`));
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message.slice(0, 200)}`));
  page.on('requestfailed', (r) => lines.push(`requestfailed: ${r.url().slice(-80)} ${r.failure()?.errorText}`));
  page.on('request', (r) => void (r.url().includes('/api/') && lines.push(`request ${at()}: ${r.method()} ${r.url().slice(-70)}`)));
  page.on('requestfinished', (r) => void (r.url().includes('/api/') && lines.push(`finished ${at()}: ${r.url().slice(-70)}`)));
  return lines;
}

/** The pad's socket.io WebSocket: when it opened and when CLIENT_READY went and CLIENT_VARS came, ms from `from`. */
function padSocketTimes(page: Page, from: number, lines: string[]): void {
  const at = () => Math.round(performance.now() - from);
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/pad/socket.io')) return;
    lines.push(`pad socket ${at()}`);
    ws.on('framesent', (frame) => void (String(frame.payload).includes('CLIENT_READY') && lines.push(`CLIENT_READY ${at()}`)));
    ws.on('framereceived', (frame) => void (String(frame.payload).includes('CLIENT_VARS') && lines.push(`CLIENT_VARS ${at()}`)));
  });
}

/** Where the room page stands: in the room or not, the pad's frame and its Etherpad page, the page's marks. */
function roomPageState(page: Page): Promise<unknown> {
  return page
    .evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('[data-testid=pad-frame]');
      const doc = frame?.contentDocument;
      // Only a pad on this page's origin can be looked into from here (not one on its own origin).
      const padWindow = (doc ? frame?.contentWindow : null) as (Window & { clientVars?: unknown; pad?: { socket?: { connected?: boolean } } }) | null | undefined;
      return {
        inRoom: !!document.querySelector('[data-testid=room-layout]'),
        button: document.querySelector('form.join button[type=submit]')?.textContent,
        padSrc: frame?.getAttribute('src'),
        padReadyState: doc?.readyState,
        editor: doc?.querySelector('#editorcontainer')?.className,
        connectivity: doc?.querySelector('#connectivity')?.className,
        clientVars: !!padWindow?.clientVars,
        socketConnected: padWindow?.pad?.socket?.connected,
        marks: performance.getEntriesByType('mark').map((m) => `${m.name.replace('padmeet:', '')}@${Math.round(m.startTime)}`).join(' '),
        // The pad page's own navigation, on the room page's clock (no named functions in here: the
        // bundler's __name helper does not exist in the page).
        padPage: ((nav: PerformanceNavigationTiming | undefined, offset: number) =>
          nav && [['start', 0], ['response', nav.responseEnd], ['dcl', nav.domContentLoadedEventEnd], ['load', nav.loadEventEnd]].map(([what, ms]) => `${what}@${Math.round(offset + Number(ms))}`).join(' '))(
          padWindow?.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined,
          (padWindow?.performance.timeOrigin ?? 0) - performance.timeOrigin,
        ),
        // What the pad page and its editor's frames loaded after the pad page's own load.
        padLater: [padWindow, padWindow?.frames[0], padWindow?.frames[0]?.frames[0]]
          .flatMap((w) => {
            try {
              const offset = (w?.performance.timeOrigin ?? 0) - performance.timeOrigin;
              return ((w?.performance.getEntriesByType('resource') ?? []) as PerformanceResourceTiming[]).map((r) => `${r.name.split('?')[0]!.split('/').pop()}@${Math.round(offset + r.startTime)}-${Math.round(offset + r.responseEnd)}`);
            } catch {
              return [];
            }
          })
          .join(' '),
        now: Math.round(performance.now()),
      };
    })
    .catch((error: unknown) => String(error));
}

async function browserJoins(webUrl: string, count: number, click: JoinClick): Promise<{ times: number[]; padTimes: number[]; failures: string[]; cpu: string }> {
  const { chromium } = await import('playwright-core');
  const times: number[] = [];
  /** CPU ticks by process kind, and milliseconds, within the click → editor ready windows. */
  const ticks = new Map<string, number>();
  let windowMs = 0;
  if (args.trace) mkdirSync(args.trace, { recursive: true });
  const padTimes: number[] = [];
  const failures: string[] = [];
  const room = process.env['PADMEET_BENCH_ROOM'] ?? 'zuul-planning';
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    for (let i = 0; i < count; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageLog = DEBUG ? watchPage(page) : [];
      try {
        // localhost: a secure context for the camera and microphone, like a real visitor's https.
        await page.goto(`${webUrl.replace('127.0.0.1', 'localhost')}/r/${room}`, { waitUntil: GOTO_WAIT[click] });
        const name = page.getByLabel(/name/i);
        if (await name.count()) {
          if (click === 'typed') await name.first().pressSequentially(`Bench typed ${i + 1}`, { delay: TYPING_DELAY_MS });
          else await name.first().fill(`Bench ${click} ${i + 1}`);
        }
        const join = await waitForJoinButton(page);
        if (click === 'ahead') await waitForPreJoin(page);
        if (args.trace) {
          await browser.startTracing(page, {
            path: `${args.trace}/${click}-${i + 1}.json`,
            categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'],
          });
        }
        const ticksBefore = machineTicks();
        const started = performance.now();
        if (DEBUG) padSocketTimes(page, started, pageLog);
        await join.click();
        // In sight: a pad loaded beside the pre-join counts from when the room shows it.
        await page.locator(PAD_FRAME).waitFor({ state: 'visible', timeout: 30_000 });
        const framed = performance.now();
        await page.frameLocator(PAD_FRAME).locator(PAD_EDITOR_READY).waitFor({ timeout: 30_000 });
        const ready = performance.now();
        addTicks(ticks, ticksBefore, machineTicks());
        windowMs += ready - started;
        times.push(ready - started);
        padTimes.push(ready - framed);
        if (DEBUG) log(`join ${i + 1} (${click}): ${Math.round(ready - started)} ms (pad frame ${Math.round(framed - started)}); ${pageLog.filter((line) => /pad socket|CLIENT_/.test(line)).join(', ')}; ${JSON.stringify(await roomPageState(page))}`);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]!);
        if (DEBUG) log(`failed join ${i + 1}: ${JSON.stringify(await roomPageState(page))}; page: ${pageLog.slice(-40).join(' | ')}`);
      } finally {
        if (args.trace) await browser.stopTracing().catch(() => undefined);
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const cpu = [...ticks]
    .filter(([, t]) => t > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([what, t]) => `${what} ${pct((t / TICKS) / (windowMs / 1000))}`)
    .join(', ');
  return { times, padTimes, failures, cpu };
}

// ---------------------------------------------------------------------------------------------

interface ScenarioSpec {
  label: string;
  rooms: number;
  authors: number;
  viewers: number;
}

function parseScenario(name: string): ScenarioSpec {
  const m = /^(?:(\d+)x)?(\d+)\+(\d+)$/.exec(name.trim());
  if (!m) throw new Error(`bad scenario "${name}" (e.g. 40+100 or 10x20+30)`);
  const rooms = Number(m[1] ?? 1);
  return { label: rooms > 1 ? `${rooms} rooms × (${m[2]} + ${m[3]})` : `${m[2]} + ${m[3]}`, rooms, authors: Number(m[2]), viewers: Number(m[3]) };
}

function table(points: Point[], etherpadCount: number): string {
  const rows = points.map((p) => {
    const direct = points.find((d) => d.via === 'direct' && d.label === p.label);
    const ratio = p.via !== 'direct' && direct ? `${(p.p95 / direct.p95).toFixed(2)}×` : '';
    return `| ${p.label} | ${p.via} | ${p.connected}/${p.clients} | ${p.edits} | ${fmt(p.p50)} | ${fmt(p.p95)} | ${fmt(p.p99)} | ${fmt(p.p95All)} | ${ratio} | ${pct(p.webCpu)} | ${p.etherpadCpu.map(pct).join(' + ')} | ${pct(p.loadCpu)} | ${p.connectFailures} | ${p.disconnects} | ${p.rejected} | ${p.unaccepted} | ${p.unseen} |`;
  });
  return [
    `| scenario (authors + viewers) | path | clients joined | edits | p50 ms | p95 ms | p99 ms | p95 seen by all ms | p95 / direct | web CPU | Etherpad CPU (${etherpadCount} process${etherpadCount > 1 ? 'es' : ''}) | load generator CPU | connect failures | disconnects | rejected commits | edits not accepted | unseen |`,
    `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|`,
    ...rows,
  ].join('\n');
}

async function main() {
  const stack = args['etherpad-url'] ? existingStack() : await startStack();
  // Ctrl-C: stop the stack this run started, then leave.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the stack…`);
      void stack.stop().finally(() => process.exit(130));
    });
  }
  const viaList: Via[] = [...(stack.webUrl ? (['padmeet'] as const) : []), ...(stack.relayUrl ? (['relayed'] as const) : []), 'direct'];
  log(`Etherpad ${stack.etherpadUrls.join(', ')} (pids ${stack.etherpadPids.join(', ')}); web ${stack.webUrl ?? '(none: direct only)'} (pid ${stack.webPid ?? '-'})`);
  const points: Point[] = [];
  const searchLines: string[] = [];
  let joinLine = '';
  const startedAt = new Date();
  try {
    // Unrecorded: a small pad on each path first, so that no path's figures include the freshly
    // started processes' warm-up (compiling hot code, first database reads), whichever comes first.
    if (args.scenarios) {
      for (const via of viaList) await runPoint(stack, { label: 'warm-up 5 + 5', via, rooms: 1, authors: 5, viewers: 5, seconds: 5 });
    }
    for (const scenario of args.scenarios.split(',').filter(Boolean).map(parseScenario)) {
      for (const via of viaList) points.push(await runPoint(stack, { ...scenario, via, seconds }));
    }

    // The largest number of 20 + 30 rooms through padmeet (or directly, without padmeet) at p95 ≤ 100 ms:
    // start from a step already measured when there is one, go up while it holds, down until it does.
    const steps = args.search.split(',').filter(Boolean).map(Number).sort((a, b) => a - b);
    if (steps.length) {
      const via = viaList[0]!;
      const results = new Map<number, Point>();
      for (const p of points) if (p.via === via && p.authors === 20 && p.viewers === 30 && steps.includes(p.rooms)) results.set(p.rooms, p);
      const holds = (p: Point) => p.p95 <= 100 && p.connectFailures === 0 && p.disconnects === 0;
      const measure = async (rooms: number) => {
        if (!results.has(rooms)) results.set(rooms, await runPoint(stack, { label: `${rooms} rooms × (20 + 30)`, rooms, authors: 20, viewers: 30, via, seconds: searchSeconds }));
        return results.get(rooms)!;
      };
      let i = results.size ? steps.indexOf([...results.keys()][0]!) : 0;
      if (holds(await measure(steps[i]!))) {
        while (i + 1 < steps.length && holds(await measure(steps[i + 1]!))) i += 1;
      } else {
        while (i > 0 && !holds(await measure(steps[i - 1]!))) i -= 1;
        i -= 1;
      }
      const best = i >= 0 && holds(results.get(steps[i]!)!) ? steps[i]! : 0;
      searchLines.push(
        `Largest number of rooms × (20 authors + 30 viewers) via ${via} with edit → seen p95 ≤ 100 ms (and no failures): **${best || 'none'}**` +
          `${best === steps[steps.length - 1] ? ' (the largest step tried)' : ''}. Steps: ` +
          [...results.entries()].sort((a, b) => a[0] - b[0]).map(([n, p]) => `${n} → p95 ${fmt(p.p95)} ms (Etherpad ${p.etherpadCpu.map(pct).join(' + ')}, web ${pct(p.webCpu)})`).join('; ') +
          '.',
      );
      for (const p of results.values()) if (!points.includes(p)) points.push(p);
    }

    const joins = Number(args.joins);
    if (joins > 0 && stack.webUrl) {
      log(`browser: ${joins} joins…`);
      const lines: string[] = [];
      for (const [click, what] of [
        ['ahead', 'after the pre-join (preview playing, joined ahead for the typed name; as bench:room)'],
        ['typed', `right after typing the name into the loaded page (network idle, then a key every ${TYPING_DELAY_MS} ms; no join ahead, camera still opening)`],
        ['loaded', "as a script's visitor: the name filled in at once after the page's load event, the click as soon as the button answers (Playwright's defaults)"],
        ['instant', 'as soon as the button answers, the name filled in at once (hydrated; nothing loaded ahead: faster than a person types)'],
      ] as const) {
        if (!args.clicks.split(',').includes(click)) continue;
        for (const [origin, where] of [
          ['own', 'the pad on its own origin'],
          ['same', "the pad on the app's origin (baseline)"],
        ] as const) {
          const webUrl = origin === 'own' ? stack.webUrl : stack.sameOriginUrl;
          if (!args['pad-origins'].split(',').includes(origin) || !webUrl) continue;
          const { times, padTimes, failures, cpu } = await browserJoins(webUrl, joins, click);
          // In the order they ran (a slow first join on a fresh stack shows as such), then sorted for the percentiles.
          const inOrder = times.map((time, i) => `${fmt(time)} (pad ${fmt(padTimes[i]!)})`).join(', ');
          padTimes.sort((a, b) => a - b);
          times.sort((a, b) => a - b);
          lines.push(
            `Chromium, ${where}, click "Join room" ${what} → pad editor ready (\`#editorcontainer.initialized\` in the iframe), ${times.length}/${joins} joins: ` +
              `**p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms**; of which the pad's own part (its iframe in sight → editor ready) ` +
              `p50 ${fmt(percentile(padTimes, 50))} ms, p95 ${fmt(percentile(padTimes, 95))} ms${failures.length ? `; failures: ${failures.slice(0, 3).join('; ')}` : ''}. ` +
              `Each join in order, ms: ${inOrder}. CPU from the clicks to the editors ready (share of one core): ${cpu || '-'}.`,
          );
        }
      }
      joinLine = lines.join('\n\n');
    }
  } finally {
    await stack.stop();
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const header =
    `Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; ${stack.etherpadUrls.length} Etherpad process(es); ` +
    `transport ${transport}; ${seconds} s per point (search ${searchSeconds} s) after ${warmup} s of typing; authors type a character every 1-2 s; ` +
    `load average ${loadavg()[0]!.toFixed(1)} at the end. Latency: keystroke → NEW_CHANGES at each other client of the pad ("seen by all": at the last of them).`;
  const report = [header, '', table(points, stack.etherpadUrls.length), '', ...searchLines, ...(joinLine ? ['', joinLine] : [])].join('\n');
  process.stdout.write(`\n${report}\n\n`);
  if (!args['no-write']) {
    const file = join(root, 'docs/benchmarks-pad.md');
    if (!existsSync(file)) {
      writeFileSync(
        file,
        '# Pad benchmarks (`npm run bench:pad`)\n\n' +
          'Etherpad\'s own protocol (socket.io 2, as the pad page speaks it) through padmeet\'s `/pad` proxy and directly to the same ' +
          'Etherpad process, in the same run. See the header of `infra/bench/pad.ts` for what is measured and the options.\n',
      );
    }
    appendFileSync(file, `\n## ${startedAt.toISOString().slice(0, 10)}\n\n${report}\n`);
    log(`appended to docs/benchmarks-pad.md`);
  }
  const failed = points.some((p) => p.connectFailures > 0 || p.disconnects > 0);
  if (failed) process.exitCode = 1;
}

await main();
