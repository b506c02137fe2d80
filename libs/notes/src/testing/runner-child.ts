// Integration tests only: a notes runner in a process of its own (as in a web server process), so a
// test can SIGKILL it in the middle of a snapshot (and the notes benchmark runs it as the web server would). With NOTES_CHILD_HANG_AT_END=1 reading the pad's
// text at a session's end never finishes: the process holds the end job's claim until killed.
import { createAttendanceRepository, createSessionNotesRepository, getDb } from '@padmeet/data';
import { createPadHistory, type PadHistory } from '@padmeet/pad';
import { createLogger } from '@padmeet/util';
import { createNotesRunner } from '../runner';

const env = process.env;
const db = getDb(env['DATABASE_URL']!);
const history = createPadHistory({ apiUrls: env['ETHERPAD_URL']!.split(','), apiKey: env['ETHERPAD_API_KEY']! });
const hanging: PadHistory = env['NOTES_CHILD_HANG_AT_END'] === '1' ? { ...history, textAt: () => new Promise<string>(() => undefined) } : history;
const runner = createNotesRunner({
  notes: createSessionNotesRepository(db),
  attendance: createAttendanceRepository(db),
  history: hanging,
  logger: createLogger({ name: 'notes-runner-child', level: 'warn' }),
  runnerId: env['NOTES_RUNNER_ID']!,
  intervalMs: Number(env['NOTES_INTERVAL_MS'] ?? 200),
  leaseMs: Number(env['NOTES_LEASE_MS'] ?? 60_000),
  scope: { eventIds: [env['NOTES_EVENT_ID']!] },
});
runner.start();
process.stdout.write('runner started\n');
