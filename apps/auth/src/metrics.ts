import { Counter } from 'prom-client';
import { createAppMetrics, type AppMetrics } from '@padmeet/metrics';

export interface AuthMetrics extends AppMetrics {
  /** For createAuthServer's `onOutcome`. */
  onOutcome(route: string, outcome: string): void;
}

const SIGN_IN_ROUTE = 'POST /v1/credentials';

/** How a sign-in ended, as the label `outcome` says it. */
function signInOutcome(outcome: string): 'ok' | 'refused' | 'rate_limited' | 'bad_input' | 'error' {
  if (outcome === 'ok') return 'ok';
  if (outcome === 'UNAUTHENTICATED' || outcome === 'FORBIDDEN') return 'refused';
  if (outcome === 'RATE_LIMITED') return 'rate_limited';
  if (outcome === 'BAD_INPUT') return 'bad_input';
  return 'error';
}

/**
 * apps/auth's metrics: requests by route and outcome (routes are the server's fixed table, outcomes
 * `ok` or an error code: both bounded), sign-ins by outcome, rate-limit hits by route.
 */
export function createAuthMetrics(): AuthMetrics {
  const metrics = createAppMetrics('auth');
  const registers = [metrics.registry];
  const requests = new Counter({ name: 'padmeet_auth_requests_total', help: 'Requests answered, by route and outcome.', labelNames: ['route', 'outcome'], registers });
  const signIns = new Counter({ name: 'padmeet_auth_sign_ins_total', help: 'Sign-in attempts (credential checks), by outcome.', labelNames: ['outcome'], registers });
  const rateLimited = new Counter({ name: 'padmeet_auth_rate_limited_total', help: 'Requests refused by a rate limit, by route.', labelNames: ['route'], registers });
  for (const outcome of ['ok', 'refused', 'rate_limited'] as const) signIns.inc({ outcome }, 0);
  return {
    ...metrics,
    onOutcome(route, outcome) {
      requests.inc({ route, outcome });
      if (route === SIGN_IN_ROUTE) signIns.inc({ outcome: signInOutcome(outcome) });
      if (outcome === 'RATE_LIMITED') rateLimited.inc({ route });
    },
  };
}
