import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChangeBus, type ChangeBus } from './index';

const databaseUrl = process.env['DATABASE_URL'];
/** A channel of this run's own, so that other tests' processes on the database are not heard. */
const channel = `padmeet_it_${process.pid}`;

/** Resolves once `check` holds (checked on every message and every 50 ms), or fails after `ms`. */
async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('change bus (LISTEN/NOTIFY) between processes on one database', () => {
  const buses: ChangeBus[] = [];
  const bus = () => {
    const made = createChangeBus({ databaseUrl: databaseUrl!, channel, logger: { warn: () => undefined } });
    buses.push(made);
    return made;
  };
  let admin: pg.Client;
  beforeAll(async () => {
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (infra/scripts/test.sh)');
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((each) => each.close()));
  });
  afterAll(async () => {
    await admin.end();
  });

  it("carries a process's messages to the others, in order, and not back to itself", async () => {
    const [a, b, c] = [bus(), bus(), bus()];
    const heard = { a: [] as unknown[], b: [] as unknown[], c: [] as unknown[] };
    a.subscribe((message) => heard.a.push(message));
    b.subscribe((message) => heard.b.push(message));
    c.subscribe((message) => heard.c.push(message));
    await until('all three listening', () => a.listening && b.listening && c.listening);
    for (let i = 0; i < 5; i += 1) await a.publish({ kind: 'hands', room: 'zuul', n: i });
    await b.publish({ kind: 'schedule', event: 'ptg' });
    await until('b and c to hear a', () => heard.b.length === 5 && heard.c.length === 6);
    expect(heard.c).toEqual([...[0, 1, 2, 3, 4].map((n) => ({ kind: 'hands', room: 'zuul', n })), { kind: 'schedule', event: 'ptg' }]);
    await until('a to hear b', () => heard.a.length === 1);
    expect(heard.a).toEqual([{ kind: 'schedule', event: 'ptg' }]);
    expect(heard.b).toHaveLength(5); // not its own
  });

  it('listens again by itself after its connection is cut, and says so', async () => {
    const [sender, receiver] = [bus(), bus()];
    const heard: unknown[] = [];
    let reconnects = 0;
    receiver.subscribe((message) => heard.push(message));
    receiver.onReconnect(() => (reconnects += 1));
    await until('both listening', () => sender.listening && receiver.listening);
    // PostgreSQL ends every connection listening on the channel (both buses' listeners).
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query = $1', [`LISTEN ${channel}`]);
    await until('the receiver to notice', () => !receiver.listening);
    await until('the receiver to listen again', () => receiver.listening && reconnects === 1);
    await sender.publish({ after: 'reconnect' });
    await until('the message after the reconnect', () => heard.length === 1);
    expect(heard).toEqual([{ after: 'reconnect' }]);
  });

  it('sends nothing too large for NOTIFY, and ignores what is not its own format on the channel', async () => {
    const warnings: string[] = [];
    const sender = createChangeBus({ databaseUrl: databaseUrl!, channel, logger: { warn: (_details, message) => warnings.push(message) } });
    buses.push(sender);
    const receiver = bus();
    const heard: unknown[] = [];
    receiver.subscribe((message) => heard.push(message));
    await until('both listening', () => sender.listening && receiver.listening);
    await sender.publish({ text: 'x'.repeat(8_000) });
    expect(warnings).toEqual(['change bus: message too large, not sent']);
    await admin.query('SELECT pg_notify($1, $2), pg_notify($1, $3)', [channel, 'not json', JSON.stringify({ no: 'message' })]);
    await sender.publish({ small: true });
    await until('the small message', () => heard.length > 0);
    expect(heard).toEqual([{ small: true }]);
  });
});
