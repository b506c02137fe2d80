/**
 * `npm run bench:capacity` — how many people a room and the machine hold (a benchmark that prints a
 * table and appends it to docs/benchmarks-capacity.md; not a test; its smoke run is
 * capacity.int.test.ts). Synthetic participants (participant.ts) join the real SFU in this process
 * through its signaling, over plain SRTP transports (load testing on), and count every packet.
 *
 *   npm run bench:capacity -- [--scenarios ptg10,ptg25,ptg50,ptg100,ptg150,ptg100-spread,rooms,relays]
 *     [--seconds 15] [--warmup 4] [--suite AEAD_AES_256_GCM|AEAD_AES_128_GCM|AES_CM_128_HMAC_SHA1_80]
 *     [--sfu-cpus 1] [--generator-cpus 0] [--max-rooms 12] [--no-append]
 *
 * The SRTP suite defaults to what real Chromium negotiates with the SFU (srtp.ts, BENCH_DEFAULT_SUITE);
 * the run reads that again from its Chromium pages and prints it in its header.
 *
 * Needs MEDIASOUP_WORKER_BIN (npm start/npm test set it up). Run it under the stack lock when others
 * share the machine: flock /tmp/padmeet-stack.lock npm run bench:capacity
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowsers } from './browsers';
import { coreList, loadAverage, pin } from './proc';
import { buildCRelay, runRelay, type RelayResult } from './relays';
import { runScenario, type RoomScenario, type ScenarioResult } from './scenario';
import { startBenchSfu } from './sfu';
import { BENCH_DEFAULT_SUITE, BENCH_SRTP_SUITES, benchSuiteOf, type BenchSrtpSuite, type NegotiatedCipher } from './srtp';

const root = join(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'ptg10,ptg25,ptg50,ptg50-browsers,ptg100,ptg150,ptg100-spread,relays,rooms' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '4' },
    /** Unset: BENCH_DEFAULT_SUITE, what Chromium negotiates. */
    suite: { type: 'string' },
    'sfu-cpus': { type: 'string', default: '1' },
    'generator-cpus': { type: 'string', default: '0' },
    'max-rooms': { type: 'string', default: '12' },
    // Below Linux's ephemeral range (32768-60999), where a connection's local port could already hold it.
    'rtc-port': { type: 'string', default: '31000' },
    'no-append': { type: 'boolean', default: false },
    /** Real Chromium participants in the largest single-worker room (ptg100, else the largest measured). */
    browsers: { type: 'string', default: '2' },
    'browsers-in': { type: 'string', default: 'ptg50-browsers' },
    /** Participants that count what they receive in rooms above 50 people (0: all). */
    observers: { type: 'string', default: '25' },
  },
});
const suite = (values.suite ?? BENCH_DEFAULT_SUITE) as BenchSrtpSuite;
if (!BENCH_SRTP_SUITES.includes(suite)) throw new Error(`--suite must be one of ${BENCH_SRTP_SUITES.join(', ')}`);
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);
const sfuCpus = values['sfu-cpus'];
const generatorCpus = values['generator-cpus'];
const wanted = new Set(values.scenarios.split(',').map((name) => name.trim()));
const log = (line: string) => process.stderr.write(`${line}\n`);

const PTG = (peers: number, name = `ptg${peers}`): RoomScenario => ({ name, rooms: 1, peersPerRoom: peers, speaking: 5, visibleCameras: 16, screenShare: true });

pin(process.pid, generatorCpus);
const loadBefore = loadAverage();
/** The code measured: HEAD when the run starts (others may commit while it runs). */
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
const basePort = Number(values['rtc-port']);
/** Each scenario's workers listen on ports of their own (a closed worker may still hold its port a moment). */
let scenarioCount = 0;

const browserCount = Number(values.browsers);
const browserScenario = values['browsers-in'];
const observersAbove50 = Number(values.observers);
/** What the Chromium pages' transports negotiated with the SFU (read after their scenario's window), or why it was not read. */
let chromiumCiphers: NegotiatedCipher[] = [];
let chromiumCiphersUnread = 'no Chromium scenario';

async function measure(scenario: RoomScenario, workers: number, peersPerRouter?: number): Promise<ScenarioResult> {
  log(`${scenario.name}: ${scenario.rooms} × ${scenario.peersPerRoom} participants, ${workers} worker(s)${peersPerRouter ? `, ${peersPerRouter} peers per router` : ''}`);
  const rtcPort = basePort + 10 * scenarioCount++;
  const browsers = scenario.name === browserScenario && browserCount > 0 ? await startBrowsers(generatorCpus) : undefined;
  if (browsers) chromiumCiphersUnread = `${scenario.name} failed before its pages were read`;
  const sfu = await startBenchSfu({ workers, rtcPort, ...(peersPerRouter ? { peersPerRouter } : {}), extraOrigins: browsers ? [browsers.origin] : [] });
  try {
    for (const pid of sfu.workerPids()) pin(pid, sfuCpus);
    const room = `cap-${scenario.name}-0`;
    const result = await runScenario(sfu, scenario, {
      seconds,
      warmupSeconds,
      suite,
      sampleEvery: 20,
      workerCores: coreList(sfuCpus),
      ...(observersAbove50 > 0 && scenario.rooms * scenario.peersPerRoom > 50 ? { observers: observersAbove50 } : {}),
      log,
      ...(browsers
        ? {
            beforeWarmup: async () => {
              const tokens = await Promise.all(Array.from({ length: browserCount }, (_, index) => sfu.token(room, `browser-${index + 1}`, true)));
              await browsers.join(sfu.url, tokens);
              log(`  ${browserCount} Chromium participants joined ${room}`);
            },
            probe: () => browsers.framesDecoded(),
          }
        : {}),
    });
    if (result.probeStart && result.probeEnd) {
      log(`  Chromium frames decoded in the window: ${result.probeEnd.map((end, index) => end - (result.probeStart?.[index] ?? 0)).join(', ')}`);
    }
    if (browsers) {
      // A failure here costs the header its sentence, not the scenario its row.
      chromiumCiphers = await browsers.srtpCiphers().then(
        (perPage) => perPage.flat(),
        (error: Error) => {
          chromiumCiphersUnread = `getStats failed: ${error.message.split('\n')[0]}`;
          return [];
        },
      );
      log(`  Chromium's transports negotiated: ${chromiumCiphers.map((cipher) => `${cipher.direction} ${cipher.srtpCipher || '?'} (DTLS ${cipher.dtlsRole}, ${cipher.dtlsState})`).join('; ') || chromiumCiphersUnread}`);
    }
    log(`  loss ${(result.loss * 100).toFixed(2)} %, delivered ${(result.delivered * 100).toFixed(2)} %, worker CPU ${result.workerCpu.map((c) => `${(c * 100).toFixed(0)} %`).join(' + ')}`);
    return result;
  } finally {
    await sfu.close();
    await browsers?.close();
  }
}

const results: Array<{ result: ScenarioResult; note: string }> = [];
const failures: string[] = [];
/** One scenario; a failure is recorded and the run goes on. */
async function attempt(name: string, note: string, run: () => Promise<ScenarioResult>): Promise<ScenarioResult | undefined> {
  try {
    const result = await run();
    results.push({ result, note });
    return result;
  } catch (error) {
    const message = `${name} (${note}): ${(error as Error).message.split('\n')[0]}`;
    failures.push(message);
    log(`  FAILED ${message}`);
    return undefined;
  }
}
const relays: RelayResult[] = [];
const pct = (value: number, digits = 1) => (Number.isFinite(value) ? `${(value * 100).toFixed(digits)} %` : '–');
const k = (value: number) => `${(value / 1000).toFixed(1)}k`;
const mbit = (value: number) => (value / 1e6).toFixed(1);

for (const peers of [10, 25, 50, 100, 150]) {
  if (wanted.has(`ptg${peers}`)) await attempt(`ptg${peers}`, '1 worker', () => measure(PTG(peers), 1));
}
// Real browsers in a loaded room, as a row of its own: their encoders share the generator's core, so
// its loss is the generator's (ptg50 above is the same room without them).
if (wanted.has(browserScenario) && browserCount > 0) {
  await attempt(browserScenario, `1 worker, ${browserCount} Chromium`, () => measure(PTG(Number.parseInt(browserScenario.replace('ptg', ''), 10), browserScenario), 1));
}
if (wanted.has('ptg100-spread')) {
  await attempt('ptg100-spread', '2 workers, 50 peers per router (pipeToRouter)', () => measure(PTG(100, 'ptg100-spread'), 2, 50));
}

// Baselines at the packet rate of the largest single-worker room measured.
// (the largest where every participant counted: the sinks here receive in Node as the participants do)
const reference = [...results].reverse().find((entry) => entry.note === '1 worker' && entry.result.observers === entry.result.participants)?.result;
if (wanted.has('relays') && reference) {
  const fanout = Math.max(1, Math.round(reference.packetsOutPerSecond / reference.packetsInPerSecond));
  const inRate = reference.packetsOutPerSecond / fanout;
  const bytes = Math.round(reference.bitsOutPerSecond / 8 / reference.packetsOutPerSecond);
  const cRelay = buildCRelay();
  for (const kind of ['c', 'node'] as const) {
    log(`relay ${kind}: ${k(inRate)} packets/s in, each to ${fanout} sinks (${reference.scenario.name}'s out rate), ${bytes} bytes`);
    try {
      relays.push(await runRelay({ kind, cRelay, port: basePort + 900, inRate, fanout, bytes, seconds, cpus: sfuCpus }));
    } catch (error) {
      failures.push(`relay ${kind}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
}

// Many 10-person rooms until the worker's core saturates or loss passes 1 %.
let mostParticipants = 0;
if (wanted.has('rooms')) {
  for (let rooms = 2; rooms <= Number(values['max-rooms']); rooms += 2) {
    const result = await attempt(`rooms${rooms}x10`, `${rooms} rooms × 10, 1 worker`, () => measure({ ...PTG(10, `rooms${rooms}x10`), rooms }, 1));
    if (!result) break;
    if (result.loss <= 0.01 && result.delivered >= 0.99) mostParticipants = Math.max(mostParticipants, result.participants);
    if (result.loss > 0.01 || result.delivered < 0.99 || (result.workerCpu[0] ?? 0) > 0.95) break;
  }
}

/** The header's sentence on what Chromium negotiated, against the suite the synthetic participants paid. */
function chromiumCipherSentence(): string {
  if (chromiumCiphers.length === 0) return `Chromium's SRTP cipher was not read in this run (${chromiumCiphersUnread}).`;
  const names = [...new Set(chromiumCiphers.map((cipher) => cipher.srtpCipher || 'no srtpCipher in getStats'))];
  const suites = chromiumCiphers.map((cipher) => benchSuiteOf(cipher.srtpCipher));
  const agreement = suites.every((negotiated) => negotiated === suite)
    ? 'the suite the synthetic participants paid'
    : `NOT the suite the synthetic participants paid${suites.includes(undefined) ? ', nor one srtp.ts can pay' : ''}`;
  return `Chromium negotiated ${names.join(' and ')} with the SFU (getStats of its ${chromiumCiphers.length} transports): ${agreement}.`;
}

const loadAfter = loadAverage();
const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
const lines: string[] = [];
lines.push(`## Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`${commit}\``);
lines.push('');
lines.push(
  `Machine: ${cpus().length} × ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB. SFU workers pinned to CPU ${sfuCpus}, the load generator (and the SFU's Node signaling) to CPU ${generatorCpus}. ` +
    `SRTP ${suite} both ways (${values.suite ? 'set with --suite' : 'the default'}). ${chromiumCipherSentence()} Window ${seconds} s after ${warmupSeconds} s warm-up. Load average ${loadBefore} before, ${loadAfter} after.`,
);
lines.push('');
lines.push('| scenario | people | worker CPU (of one core) | of which the receivers\' side | packets/s in | packets/s out | Mbit/s in | Mbit/s out | forwarded per worker core | without the receivers\' side | loss | of which dropped at the generator | delivered | latency p50 / p99 | worker RSS | generator CPU |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { result, note } of results) {
  const cpu = result.workerCpu.reduce((sum, value) => sum + value, 0);
  lines.push(
    `| ${result.scenario.name} (${note}) | ${result.participants}${result.observers < result.participants ? ` (${result.observers} counting)` : ''} | ${result.workerCpu.map((c) => pct(c, 0)).join(' + ')} | ${result.workerSoftirq === undefined ? '–' : pct(result.workerSoftirq, 0)} | ${k(result.packetsInPerSecond)} | ${k(result.packetsOutPerSecond)} | ${mbit(result.bitsInPerSecond)} | ${mbit(result.bitsOutPerSecond)} | ${k(result.packetsOutPerSecond / cpu)} | ${result.workerSoftirq === undefined ? '–' : k(result.packetsOutPerSecond / (cpu - result.workerSoftirq))} | ${pct(result.loss, 2)} | ${pct(result.generatorSocketDrops / Math.max(1, result.packetsOutPerSecond * result.seconds), 2)} | ${pct(result.delivered, 2)} | ${result.latencyP50Ms.toFixed(1)} / ${result.latencyP99Ms.toFixed(1)} ms | ${result.workerRssMiB.map((m) => m.toFixed(0)).join(' + ')} MiB | ${pct(result.generatorCpu, 0)} |`,
  );
}
if (relays.length > 0 && reference) {
  const sfuCpu = reference.workerCpu.reduce((sum, value) => sum + value, 0);
  lines.push('');
  lines.push(`Baselines at ${reference.scenario.name}'s packet rate (each packet in sent to ${relays[0]?.fanout} sinks; no SRTP, no RTP parsing):`);
  lines.push('');
  lines.push('| relay | CPU (of one core) | of which the receivers\' side (the sinks) | packets/s in | packets/s out | loss | latency p50 / p99 | SFU CPU / relay CPU | without the receivers\' side |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const relay of relays) {
    lines.push(
      `| ${relay.kind === 'c' ? 'C (relay.c, cc -O2)' : 'Node dgram (relay-node.mjs)'} | ${pct(relay.relayCpu, 0)} | ${relay.relaySoftirq === undefined ? '–' : pct(relay.relaySoftirq, 0)} | ${k(relay.packetsInPerSecond)} | ${k(relay.packetsOutPerSecond)} | ${pct(relay.loss, 2)} | ${relay.latencyP50Ms.toFixed(1)} / ${relay.latencyP99Ms.toFixed(1)} ms | ${(sfuCpu / relay.relayCpu).toFixed(1)}× | ${reference.workerSoftirq === undefined || relay.relaySoftirq === undefined ? '–' : `${((sfuCpu - reference.workerSoftirq) / (relay.relayCpu - relay.relaySoftirq)).toFixed(1)}×`} |`,
    );
  }
}
const largest = results
  .filter(({ result }) => result.scenario.rooms === 1 && result.loss <= 0.01 && result.delivered >= 0.99)
  .reduce((max, { result }) => Math.max(max, result.participants), 0);
lines.push('');
lines.push(`Largest room at ≤ 1 % loss (and ≥ 99 % delivered): ${largest || 'none'} people. Most people in 10-person rooms on one worker core at ≤ 1 % loss: ${mostParticipants || 'not measured'}.`);
lines.push(
  `Checks: ${results.reduce((sum, { result }) => sum + result.sampled, 0)} sampled packets authenticated and decrypted, ${results.reduce((sum, { result }) => sum + result.authFailures, 0)} failed; ` +
    `${results.reduce((sum, { result }) => sum + result.silentConsumers, 0)} consumers got nothing of a stream that was sent; ${results.reduce((sum, { result }) => sum + result.unknownSsrc, 0)} packets of unknown SSRC; ` +
    `generator lag at most ${Math.max(0, ...results.map(({ result }) => result.generatorLagMaxMs)).toFixed(0)} ms.`,
);
for (const failure of failures) lines.push(`Failed: ${failure}`);
for (const { result } of results) {
  if (!result.probeStart || !result.probeEnd) continue;
  const frames = result.probeEnd.map((end, index) => end - (result.probeStart?.[index] ?? 0));
  lines.push(
    `Real Chromium participants in ${result.scenario.name} (pinned with the generator, each publishing a 640×360 camera and consuming the others'): frames decoded during the window ${frames.join(', ')} (${frames.every((count) => count > 0) ? 'rising in every browser' : 'NOT rising in every browser'}).`,
  );
}
lines.push('');
const table = lines.join('\n');
process.stdout.write(`${table}\n`);
if (!values['no-append']) {
  const file = join(root, 'docs/benchmarks-capacity.md');
  if (!existsSync(file)) writeFileSync(file, readFileSync(join(import.meta.dirname, 'benchmarks-header.md'), 'utf8'));
  appendFileSync(file, `\n${table}`);
  log(`appended to ${file}`);
}
process.exit(0);
