import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metricValue } from '@padmeet/metrics';

// The stack's auth service (infra/stack/run.ts): its metrics listener counts sign-ins by outcome
// and refuses scrapes without the metrics token.
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through the test stack (infra/scripts/test.sh or /tmp/with-stack-noweb.sh)`);
  return value;
};

async function scrape(): Promise<string> {
  const response = await fetch(`${env('AUTH_METRICS_URL')}/metrics`, { headers: { authorization: `Bearer ${env('METRICS_TOKEN')}` } });
  expect(response.status).toBe(200);
  return response.text();
}

describe('auth metrics (the stack auth service)', () => {
  it('refuses a scrape without the token', async () => {
    const response = await fetch(`${env('AUTH_METRICS_URL')}/metrics`);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain('padmeet_auth_sign_ins_total');
  });

  it('counts a refused sign-in', async () => {
    const before = metricValue(await scrape(), 'padmeet_auth_sign_ins_total', { outcome: 'refused' }) ?? 0;
    const response = await fetch(`${env('AUTH_URL')}/v1/credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env('AUTH_SERVICE_SECRET')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: `nobody-${randomBytes(4).toString('hex')}`, password: 'not-a-real-password', clientIp: `10.9.${randomBytes(1)[0]}.7` }),
    });
    expect(response.status).toBe(401);
    const after = await scrape();
    expect(metricValue(after, 'padmeet_auth_sign_ins_total', { outcome: 'refused' })).toBe(before + 1);
    expect(metricValue(after, 'padmeet_auth_requests_total', { route: 'POST /v1/credentials', outcome: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
    // Node's own figures come along.
    expect(metricValue(after, 'padmeet_auth_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
