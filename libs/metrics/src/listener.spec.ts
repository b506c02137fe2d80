import { afterEach, describe, expect, it } from 'vitest';
import { Counter } from 'prom-client';
import { createAppMetrics } from './registry';
import { startMetricsListener, type MetricsListener } from './listener';

const token = 't'.repeat(32);
let listener: MetricsListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

describe('startMetricsListener (a real HTTP server on 127.0.0.1)', () => {
  it('serves Prometheus text and the JSON views with the token, and 401 without it', async () => {
    const { registry } = createAppMetrics('auth', { defaultMetrics: false });
    const counter = new Counter({ name: 'padmeet_test_things_total', help: 'things', registers: [registry] });
    counter.inc(3);
    listener = await startMetricsListener({ registry, port: 0, host: '127.0.0.1', token, json: { '/stats.json': () => ({ rooms: 2 }) } });
    const auth = { authorization: `Bearer ${token}` };

    const refused = await fetch(`${listener.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain('padmeet_test_things_total');
    expect((await fetch(`${listener.url}/stats.json`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);

    const scrape = await fetch(`${listener.url}/metrics`, { headers: auth });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await scrape.text()).toContain('padmeet_test_things_total{app="auth"} 3');

    expect(await (await fetch(`${listener.url}/stats.json`, { headers: auth })).json()).toEqual({ rooms: 2 });
    expect((await fetch(`${listener.url}/elsewhere`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${listener.url}/metrics`, { method: 'POST', headers: auth })).status).toBe(405);
  });

  it('answers 500 when a view fails, and reports the failure', async () => {
    const { registry } = createAppMetrics('web', { defaultMetrics: false });
    const failures: string[] = [];
    listener = await startMetricsListener({
      registry,
      port: 0,
      host: '127.0.0.1',
      token: undefined,
      json: { '/stats.json': () => Promise.reject(new Error('boom')) },
      onError: (_error, path) => failures.push(path),
    });
    expect((await fetch(`${listener.url}/stats.json`)).status).toBe(500);
    expect(failures).toEqual(['/stats.json']);
    expect((await fetch(`${listener.url}/metrics`)).status).toBe(200);
  });
});
