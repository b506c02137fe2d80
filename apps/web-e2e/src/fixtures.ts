import { randomBytes } from 'node:crypto';
import pg from 'pg';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through \`npm test\` (infra/scripts/test.sh), which starts the test stack`);
  return value;
}

export const stack = {
  databaseUrl: () => required('DATABASE_URL'),
  sfuUrl: () => required('SFU_URL'),
};

/**
 * A call to the test stack's Etherpad HTTP API (its first process; they share one database). Its own
 * copy of `etherpadApi` from `@padmeet/pad/testing`: end-to-end tests may import only contract and util libs.
 */
export async function etherpadApi(name: string, args: Record<string, string>): Promise<unknown> {
  const base = required('ETHERPAD_URL').split(',')[0]!;
  const body = new URLSearchParams({ apikey: required('ETHERPAD_API_KEY'), ...args });
  const response = await fetch(`${base}/api/1.2.15/${name}`, { method: 'POST', body });
  const answer = (await response.json()) as { code: number; message: string; data: unknown };
  if (answer.code !== 0) throw new Error(`Etherpad ${name}: ${answer.message}`);
  return answer.data;
}

/** An event with one room (published unless told otherwise), unique to this test run, written straight to PostgreSQL. */
export async function createRoom(
  name: string,
  options: { capacity?: number; published?: boolean } = {},
): Promise<{ slug: string; name: string; eventName: string; eventSlug: string }> {
  const suffix = randomBytes(4).toString('hex');
  const slug = `e2e-${suffix}`;
  const eventName = `E2E gathering ${suffix}`;
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, updated_at)
       VALUES (gen_random_uuid(), $1, $2, current_date, current_date + 1, 'UTC', $3, now()) RETURNING id`,
      [`ev-${suffix}`, eventName, options.published ?? true],
    );
    await client.query(`INSERT INTO room (id, event_id, slug, name, capacity) VALUES (gen_random_uuid(), $1, $2, $3, $4)`, [
      event.rows[0]?.id,
      slug,
      name,
      options.capacity ?? null,
    ]);
  } finally {
    await client.end();
  }
  return { slug, name, eventName, eventSlug: `ev-${suffix}` };
}
