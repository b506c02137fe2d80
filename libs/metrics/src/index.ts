export { createAppMetrics, type AppMetrics, type AppName } from './registry';
export { startMetricsListener, type MetricsListener, type MetricsListenerOptions } from './listener';
export { isAuthorizedScrape } from './scrape-auth';
export { LabelCap, OTHER_LABEL, routeLabel, type RoutePattern } from './labels';
export { metricsEnvShape, metricsHostNeedsToken, type MetricsEnv } from './env';
export { metricValue } from './parse';
export { busyShare, createMachineReader, machineCpuTimes, type CpuTimes, type MachineReading } from './machine';
