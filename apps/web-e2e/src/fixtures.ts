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

/** A published event with one room, unique to this test run, written straight to PostgreSQL. */
export async function createRoom(name: string): Promise<{ slug: string; name: string; eventName: string }> {
  const suffix = randomBytes(4).toString('hex');
  const slug = `e2e-${suffix}`;
  const eventName = `E2E gathering ${suffix}`;
  const client = new pg.Client({ connectionString: stack.databaseUrl() });
  await client.connect();
  try {
    const event = await client.query<{ id: string }>(
      `INSERT INTO event (id, slug, name, starts_on, ends_on, time_zone, published, updated_at)
       VALUES (gen_random_uuid(), $1, $2, current_date, current_date + 1, 'UTC', true, now()) RETURNING id`,
      [`ev-${suffix}`, eventName],
    );
    await client.query(`INSERT INTO room (id, event_id, slug, name) VALUES (gen_random_uuid(), $1, $2, $3)`, [event.rows[0]?.id, slug, name]);
  } finally {
    await client.end();
  }
  return { slug, name, eventName };
}
