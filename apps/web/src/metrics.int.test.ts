import { describe, expect, it } from 'vitest';
import { metricValue } from '@padmeet/metrics';

// The stack's web server (src/main.ts, production build): requests counted by route pattern on its
// metrics listener, which refuses scrapes without the token; the admin figures refuse anonymous callers.
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through the test stack (infra/scripts/test.sh or /tmp/with-stack.sh)`);
  return value;
};

async function scrape(): Promise<string> {
  const response = await fetch(`${env('WEB_METRICS_URL')}/metrics`, { headers: { authorization: `Bearer ${env('METRICS_TOKEN')}` } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('web metrics (the stack web server)', () => {
  it('refuses a scrape without the token', async () => {
    const response = await fetch(`${env('WEB_METRICS_URL')}/metrics`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('padmeet_web_requests_total');
  });

  it('counts requests by route pattern, never by raw URL', async () => {
    const labels = { route: '/api/healthz', method: 'GET', status: '200' };
    const before = metricValue(await scrape(), 'padmeet_web_requests_total', labels) ?? 0;
    expect((await fetch(`${env('PADMEET_WEB_URL')}/api/healthz`)).status).toBe(200);
    const unknown = `/no-such-page-${Date.now()}`;
    expect((await fetch(`${env('PADMEET_WEB_URL')}${unknown}`)).status).toBe(404);
    // The request is counted when its response closes: wait for it, not a fixed time.
    const counted = (text: string) =>
      (metricValue(text, 'padmeet_web_requests_total', labels) ?? 0) >= before + 1 &&
      (metricValue(text, 'padmeet_web_requests_total', { route: '_other', method: 'GET', status: '404' }) ?? 0) >= 1;
    let text = await scrape();
    while (!counted(text)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = await scrape();
    }
    expect(metricValue(text, 'padmeet_web_requests_total', labels)).toBeGreaterThanOrEqual(before + 1);
    expect(metricValue(text, 'padmeet_web_request_duration_seconds_count', { route: '/api/healthz', method: 'GET' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'padmeet_web_requests_total', { route: '_other', method: 'GET', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(unknown);
  });

  it('refuses the admin figures to anonymous callers', async () => {
    expect((await fetch(`${env('PADMEET_WEB_URL')}/admin/stats`)).status).toBe(401);
  });
});
