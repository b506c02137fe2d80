import 'server-only';
import { checkDatabase, getDb } from '@padmeet/data';
import { createPadService } from '@padmeet/pad';
import { exitWithStartupError, firstLineOf } from '@padmeet/util';
import { webEnv } from './env';

const fail = (problem: string, remedy: string): never => exitWithStartupError('web', problem, remedy);

/**
 * Run once when the server starts: every dependency answers, or the server
 * stops with one line naming the problem and what to do.
 */
export async function checkDependencies(): Promise<void> {
  const env = webEnv();
  await checkDatabase(getDb(env.DATABASE_URL)).catch((error: unknown) =>
    fail(`database not usable at ${new URL(env.DATABASE_URL).host} (${firstLineOf(error)})`, 'start PostgreSQL (infra/scripts/postgres.sh) and run `npm run db:migrate`'),
  );
  await createPadService({ apiUrls: env.ETHERPAD_URL, apiKey: env.ETHERPAD_API_KEY, timeoutMs: 5_000 })
    .checkHealth()
    .catch((error: unknown) => fail(`Etherpad not usable at ${env.ETHERPAD_URL.join(', ')} (${firstLineOf(error)})`, 'start it (infra/scripts/etherpad.sh run) or fix ETHERPAD_URL/ETHERPAD_API_KEY'));
  await fetch(`${env.AUTH_URL}/healthz`, { signal: AbortSignal.timeout(5_000) })
    .then((res) => {
      if (!res.ok) throw new Error(`healthz answered ${res.status}`);
    })
    .catch((error: unknown) => fail(`auth service not reachable at ${env.AUTH_URL} (${firstLineOf(error)})`, 'start apps/auth or fix AUTH_URL'));
}
