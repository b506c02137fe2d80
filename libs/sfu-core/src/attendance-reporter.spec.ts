import { createLogger } from '@padmeet/util';
import { describe, expect, it, vi } from 'vitest';
import { createAttendanceReporter } from './attendance-reporter';

const logger = createLogger({ name: 'attendance-spec', level: 'silent' });
const ID_A = '00000000-0000-4000-8000-00000000000a';
const ID_B = '00000000-0000-4000-8000-00000000000b';

function fakeWeb(statuses: number[]) {
  const bodies: Array<{ events: Array<{ type: string; id: string }> }> = [];
  const headers: string[] = [];
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    headers.push(new Headers(init?.headers).get('authorization') ?? '');
    return new Response('{}', { status: statuses.shift() ?? 200 });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, bodies, headers };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((done) => setTimeout(done, 5));
  expect(check()).toBe(true);
}

describe('createAttendanceReporter', () => {
  it('sends joins and leaves in order with the service secret, and retries until the web app takes them', async () => {
    const web = fakeWeb([503, 502]);
    const reporter = createAttendanceReporter({ webUrl: 'http://web.test', secret: 's'.repeat(32), logger, fetch: web.fetch, minRetryMs: 1, maxRetryMs: 2 });
    reporter.joined({ id: ID_A, room: 'zuul', subject: 'user-1', displayName: 'Ada' });
    reporter.left(ID_A);
    reporter.joined({ id: ID_B, room: 'zuul', subject: 'guest:ff', displayName: 'Bo' });
    await until(() => reporter.backlog === 0);
    const accepted = web.bodies.at(-1)!.events.map((event) => `${event.type}:${event.id}`);
    // Everything sent after two failures, in order, nothing twice in the accepted batch.
    expect(web.bodies.length).toBeGreaterThanOrEqual(3);
    const all = web.bodies.slice(2).flatMap((body) => body.events.map((event) => `${event.type}:${event.id}`));
    expect(all).toEqual([`join:${ID_A}`, `leave:${ID_A}`, `join:${ID_B}`]);
    expect(accepted.at(-1)).toBe(`join:${ID_B}`);
    expect(web.headers.every((header) => header === `Bearer ${'s'.repeat(32)}`)).toBe(true);
    await reporter.close();
  });

  it('drops a report the web app refuses as malformed (400) instead of blocking later ones', async () => {
    const web = fakeWeb([400]);
    const reporter = createAttendanceReporter({ webUrl: 'http://web.test', secret: 's'.repeat(32), logger, fetch: web.fetch, minRetryMs: 1 });
    reporter.joined({ id: ID_A, room: 'zuul', subject: 'user-1', displayName: 'Ada' });
    await until(() => reporter.backlog === 0);
    reporter.left(ID_A);
    await until(() => web.bodies.length === 2 && reporter.backlog === 0);
    expect(web.bodies[1]!.events.map((event) => event.type)).toEqual(['leave']);
    await reporter.close();
  });
});
