import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@padmeet/util';
import { createAuthMetrics } from '../../apps/auth/src/metrics';
import { createWebRequestMetrics } from '../../apps/web/src/server/request-metrics';
import type { RoomRegistry } from '../../libs/sfu-core/src/room-registry';
import { createSfuStatsSampler } from '../../libs/sfu-core/src/stats-sampler';
import type { WorkerPool } from '../../libs/sfu-core/src/worker-pool';

// The Grafana dashboard names only metrics the apps export: a renamed metric fails here, not on an
// operator's empty panel.
const here = dirname(fileURLToPath(import.meta.url));
const dashboard = JSON.parse(readFileSync(join(here, 'grafana-dashboard.json'), 'utf8')) as {
  panels: Array<{ title: string; type: string; targets?: Array<{ expr: string }> }>;
};

async function exportedNames(): Promise<Set<string>> {
  const sfuRegistry = new Registry();
  const emptyRooms = { rooms: () => [], size: 0, get: () => undefined } as unknown as RoomRegistry;
  const noWorkers = { workers: () => [] } as unknown as WorkerPool;
  const sampler = createSfuStatsSampler({ registry: emptyRooms, workerPool: noWorkers, metrics: sfuRegistry, logger: createLogger({ name: 'spec', level: 'silent' }), intervalMs: 60_000 });
  sampler.stop();
  // The apps' registries carry Node's process metrics too (padmeet_<app>_process_…).
  const { createAppMetrics } = await import('@padmeet/metrics');
  const registries = [sfuRegistry, createAppMetrics('sfu').registry, createAuthMetrics().registry, createWebRequestMetrics({ openStreams: () => 0 }).registry];
  const names = new Set<string>();
  for (const registry of registries) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      // Typed as prom-client's enum, a string at run time (what the exposition format says).
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${metric.name}${suffix}`);
    }
  }
  return names;
}

describe('infra/observability/grafana-dashboard.json', () => {
  it('uses only metrics the apps export', async () => {
    const names = await exportedNames();
    const used = new Set(dashboard.panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => target.expr.match(/padmeet_[a-z0-9_]+/g) ?? [])));
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((name) => !names.has(name))).toEqual([]);
  });

  it("has the panels the operators looked at", () => {
    const titles = dashboard.panels.map((panel) => panel.title).join('\n');
    for (const title of [/^Load/m, /^CPU/m, /^Bandwidth in \/ out/m, /^People per room/m, /^Packet loss/m, /^Round-trip time/m, /^Worker restarts/m, /^Request latency/m]) {
      expect(titles).toMatch(title);
    }
  });
});
