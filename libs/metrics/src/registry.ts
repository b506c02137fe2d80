import { collectDefaultMetrics, Registry } from 'prom-client';

export type AppName = 'sfu' | 'web' | 'auth';

export interface AppMetrics {
  readonly app: AppName;
  /** This app's own registry (never prom-client's global one): every metric carries `app`. */
  readonly registry: Registry;
}

/**
 * One registry per app, with Node's process metrics (CPU, memory, event-loop lag, GC) under
 * `padmeet_<app>_process_…`/`padmeet_<app>_nodejs_…`, and the label `app` on every series.
 */
export function createAppMetrics(app: AppName, options: { defaultMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: `padmeet_${app}_` });
  return { app, registry };
}
