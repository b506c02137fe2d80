import { describe, expect, it } from 'vitest';
import type { EventSchedule, ScheduleRepository } from '@padmeet/data';
import { isAppError } from '@padmeet/util';
import { createScheduleLive } from './schedule-live';

/** A schedule repository knowing only `known`, counting its queries. */
function repository(known: string[]) {
  const calls: string[] = [];
  const schedules: ScheduleRepository = {
    load: async (slug) => {
      calls.push(slug);
      return known.includes(slug) ? ({ event: { slug } } as unknown as EventSchedule) : null;
    },
  } as ScheduleRepository;
  return { schedules, calls };
}

describe('schedule snapshots', () => {
  it('holds at most maxEntries snapshots however many slugs are asked for, known or not', async () => {
    let clock = 0;
    const { schedules } = repository(['ptg']);
    const live = createScheduleLive(schedules, { ttlMs: 2_000, now: () => clock, maxEntries: 50, unknownPerAddress: { limit: 1_000_000, windowMs: 60_000 } });
    await live.get('ptg');
    for (let i = 0; i < 500; i++) await live.get(`nope-${i}`, `198.51.100.${i % 250}`);
    expect(live.size()).toBeLessThanOrEqual(50);
    clock += 5_000;
    await live.get('another', '192.0.2.1');
    expect(live.size()).toBeLessThanOrEqual(50);
  });

  it('refuses an address that keeps asking for unknown events (RATE_LIMITED with a retry time), not others, and not cached events', async () => {
    let clock = 0;
    const { schedules, calls } = repository(['ptg']);
    const live = createScheduleLive(schedules, { ttlMs: 2_000, now: () => clock, unknownPerAddress: { limit: 5, windowMs: 60_000 } });
    expect(await live.get('ptg', '203.0.113.9')).not.toBeNull();
    for (let i = 0; i < 5; i++) expect(await live.get(`nope-${i}`, '203.0.113.9')).toBeNull();
    const refused = await live.get('nope-99', '203.0.113.9').then(
      () => null,
      (error: unknown) => error,
    );
    expect(isAppError(refused) && refused.code).toBe('RATE_LIMITED');
    expect(isAppError(refused) && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(calls).not.toContain('nope-99');
    expect(await live.get('ptg', '203.0.113.9')).not.toBeNull(); // still fresh: served from the snapshot
    expect(await live.get('nope-99', '198.51.100.7')).toBeNull();
    clock += 61_000;
    expect(await live.get('nope-100', '203.0.113.9')).toBeNull();
  });

  it('still serves an address over the limit the events that exist, also after a write dropped their snapshot', async () => {
    // A response cache fill runs on behalf of one client and everyone waiting on the page shares its answer:
    // an address refused for unknown events must not turn a real event's page into a 404 for all of them.
    const { schedules, calls } = repository(['ptg']);
    const live = createScheduleLive(schedules, { ttlMs: 2_000, unknownPerAddress: { limit: 2, windowMs: 60_000 } });
    expect(await live.get('ptg', '203.0.113.9')).not.toBeNull();
    for (let i = 0; i < 2; i++) await live.get(`nope-${i}`, '203.0.113.9');
    await expect(live.get('nope-2', '203.0.113.9')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    live.changed('ptg');
    expect(await live.get('ptg', '203.0.113.9')).not.toBeNull();
    expect(calls.filter((slug) => slug === 'ptg')).toHaveLength(2);
  });

  it('does not limit reads made without a requester (the server itself)', async () => {
    const { schedules } = repository([]);
    const live = createScheduleLive(schedules, { ttlMs: 0, unknownPerAddress: { limit: 1, windowMs: 60_000 } });
    for (let i = 0; i < 5; i++) expect(await live.get(`nope-${i}`)).toBeNull();
    for (let i = 0; i < 5; i++) expect(await live.get(`nope-${i}`, null)).toBeNull();
  });
});
