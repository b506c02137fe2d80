import { describe, expect, it } from 'vitest';
import type { ChangeBus, EventSchedule, ScheduleRepository } from '@padmeet/data';
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

/**
 * Two processes' change buses joined in memory (the real one, over PostgreSQL, has its own
 * integration test); `reconnected()` plays the first one's listening connection coming back.
 */
function linkedBuses(): [ChangeBus & { reconnected(): void }, ChangeBus] {
  const sides: [Set<(message: unknown) => void>, Set<(message: unknown) => void>] = [new Set(), new Set()];
  const reconnects = new Set<() => void>();
  const bus = (own: Set<(message: unknown) => void>, other: Set<(message: unknown) => void>): ChangeBus => ({
    publish: async (message) => {
      for (const listener of other) listener(JSON.parse(JSON.stringify(message)));
    },
    subscribe: (listener) => {
      own.add(listener);
      return () => own.delete(listener);
    },
    onReconnect: (listener) => {
      if (own === sides[0]) reconnects.add(listener);
      return () => reconnects.delete(listener);
    },
    listening: true,
    close: async () => undefined,
  });
  return [{ ...bus(sides[0], sides[1]), reconnected: () => reconnects.forEach((listener) => listener()) }, bus(sides[1], sides[0])];
}

describe('schedule snapshots', () => {
  it("tells the other processes of a write, and hears theirs: the snapshot goes, the page caches and streams are told", async () => {
    const [busA, busB] = linkedBuses();
    const [a, b] = [repository(['ptg']), repository(['ptg'])];
    const told = { a: [] as string[], b: [] as string[], streamB: 0 };
    const liveA = createScheduleLive(a.schedules, { bus: busA, onChange: (slug) => told.a.push(slug) });
    const liveB = createScheduleLive(b.schedules, { bus: busB, onChange: (slug) => told.b.push(slug) });
    await liveB.get('ptg');
    liveB.subscribe('ptg', () => (told.streamB += 1));
    liveA.changed('ptg');
    expect(told).toEqual({ a: ['ptg'], b: ['ptg'], streamB: 1 });
    await liveB.get('ptg');
    expect(b.calls).toEqual(['ptg', 'ptg']);
    // Something else on the channel changes nothing.
    for (const message of [{ kind: 'schedule', event: 5 }, { kind: 'hands', room: 'ptg' }, 'ptg', null]) await busA.publish(message);
    expect(told).toEqual({ a: ['ptg'], b: ['ptg'], streamB: 1 });
  });

  it('counts every event it holds as changed once its bus is back (what was written meanwhile was not heard)', async () => {
    const [bus] = linkedBuses();
    const { schedules, calls } = repository(['ptg', 'summit']);
    const changed: string[] = [];
    const live = createScheduleLive(schedules, { bus, onChange: (slug) => changed.push(slug) });
    await live.get('ptg');
    let streamTold = 0;
    live.subscribe('summit', () => (streamTold += 1));
    bus.reconnected();
    expect(changed.sort()).toEqual(['ptg', 'summit']);
    expect(streamTold).toBe(1);
    await live.get('ptg');
    expect(calls).toEqual(['ptg', 'ptg']);
  });

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
