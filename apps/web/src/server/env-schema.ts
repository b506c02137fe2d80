import { isIP } from 'node:net';
import { z } from 'zod';
import { httpUrlSchema, logLevelSchema, portSchema, postgresUrlSchema, secretSchema } from '@padmeet/contract';

/** Everything the web server needs, validated once at start-up (src/main.ts parses it before anything else). */
export const webEnvSchema = z.object({
  /** Where the server listens, unless --host/--port say otherwise. */
  HOSTNAME: z.string().min(1, 'must name an address to listen on, e.g. 127.0.0.1').default('127.0.0.1'),
  PORT: portSchema.default(3000),
  /** off: everything goes through Next (e.g. behind a caching proxy of one's own); see libs/web-edge. */
  PADMEET_RESPONSE_CACHE: z.enum(['on', 'off'], { error: 'must be on (default) or off' }).default('on'),
  /**
   * How many reverse proxies in front append to X-Forwarded-For (0-10; default 0: the socket's
   * peer is the client, whatever the request claims).
   */
  PADMEET_TRUSTED_PROXIES: z
    .string()
    .regex(/^\d{1,2}$/, 'must be how many reverse proxies stand in front of the web app (0-10)')
    .transform(Number)
    .pipe(z.number().max(10, 'must be how many reverse proxies stand in front of the web app (0-10)'))
    .default(0),
  /**
   * ipc: pad WebSockets go to their Etherpad process itself, handed over through the process that
   * started this one and Etherpad (infra/stack/run.ts does; libs/pad-proxy/src/handoff.ts); the
   * web server then relays no pad message. off (default): it relays them.
   */
  PADMEET_PAD_HANDOFF: z.enum(['ipc', 'off'], { error: 'must be ipc or off (default)' }).default('off'),
  /**
   * The pad on an origin of its own (e.g. http://localhost:3003): where browsers reach this server's
   * pad listener. Same scheme and host name as NEXTAUTH_URL, another port: cookies belong to a host,
   * not to a port, so the Etherpad session padmeet sets reaches the pad unchanged. Chromium runs a
   * frame of another origin that asks for it (`Origin-Agent-Cluster`) in a process of its own, so the
   * pad page's scripts no longer share the room page's main thread. Unset: the pad is at `/pad` on
   * this origin.
   */
  PADMEET_PAD_ORIGIN: httpUrlSchema.transform((url) => new URL(url).origin).optional(),
  /** Where the pad listener listens; default the port of PADMEET_PAD_ORIGIN (a reverse proxy in front may map another one to it). */
  PADMEET_PAD_PORT: portSchema.optional(),
  DATABASE_URL: postgresUrlSchema,
  /**
   * Where the server reaches each Etherpad process (HTTP API and the `/pad` proxy's upstream),
   * comma-separated, e.g. http://127.0.0.1:9001,http://127.0.0.1:9002. All share one database;
   * the order decides which process serves which pad. Browsers reach them only through `/pad`.
   */
  ETHERPAD_URL: z
    .string({ error: 'is required, e.g. http://127.0.0.1:9001 (several Etherpad processes: comma-separated)' })
    .transform((value) => value.split(',').map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(httpUrlSchema).min(1, 'names no Etherpad, e.g. http://127.0.0.1:9001')),
  ETHERPAD_API_KEY: secretSchema(16),
  AUTH_URL: httpUrlSchema,
  AUTH_SERVICE_SECRET: secretSchema(32),
  /** WebSocket URL browsers use for the SFU, e.g. ws://127.0.0.1:3002/ws */
  SFU_PUBLIC_URL: z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:3002/ws' }),
  /** This app's public URL, for next-auth's redirects and cookies, e.g. http://localhost:3000 */
  NEXTAUTH_URL: httpUrlSchema,
  /** Encrypts the session cookie (a JWE); generated into .padmeet/secrets.env for local runs. */
  NEXTAUTH_SECRET: secretSchema(32),
  LOG_LEVEL: logLevelSchema,
  /**
   * Test stacks only: "1" lets the now/next stream take a start time (`?at=<ISO>`)
   * from which its clock runs on, so end-to-end tests need not wait for real
   * sessions to start. Off unless set; the test profile of infra/stack/run.ts sets it.
   */
  PADMEET_TEST_CLOCK: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0'),
  /**
   * Live now/next streams (SSE) one client address may hold open at once. A joined room page holds
   * one or two, and a venue or an office behind one NAT address holds many people: the default is
   * generous; the total cap (2,000 per process) bounds the rest.
   */
  PADMEET_STREAMS_PER_ADDRESS: z.coerce.number({ error: 'must be a whole number from 1 to 2000' }).int('must be a whole number from 1 to 2000').min(1, 'must be a whole number from 1 to 2000').max(2000, 'must be a whole number from 1 to 2000').default(60),
  // --- Metrics (issue 13) ---
  /** The web server's metrics listener (Prometheus), apart from the public port; loopback unless METRICS_HOST says otherwise. */
  WEB_METRICS_PORT: portSchema.default(9400),
  METRICS_HOST: z.string().refine((value) => value === 'localhost' || isIP(value) !== 0, 'must be an IP address (default 127.0.0.1)').default('127.0.0.1'),
  /** Bearer token of every metrics listener (this one's, and the SFU's the admin page reads); optional on loopback. */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  /** The SFU's metrics listener, where the admin page's figures come from. */
  SFU_METRICS_URL: httpUrlSchema.default('http://127.0.0.1:9402'),
  // --- end metrics ---
}).refine((env) => !env.PADMEET_PAD_ORIGIN || sameHostOtherPort(env.PADMEET_PAD_ORIGIN, env.NEXTAUTH_URL), {
  path: ['PADMEET_PAD_ORIGIN'],
  message: "must have NEXTAUTH_URL's scheme and host name and another port, e.g. http://localhost:3003 (the pad's cookies are the host's)",
}).refine((env) => env.PADMEET_PAD_PORT === undefined || env.PADMEET_PAD_ORIGIN !== undefined, {
  path: ['PADMEET_PAD_PORT'],
  message: 'needs PADMEET_PAD_ORIGIN (where browsers reach the pad listener)',
}).refine((env) => env.METRICS_HOST === 'localhost' || env.METRICS_HOST === '::1' || /^127\./.test(env.METRICS_HOST) || env.METRICS_TOKEN !== undefined, {
  path: ['METRICS_TOKEN'],
  message: 'is required when METRICS_HOST is not a loopback address (the metrics would be public)',
});

export type WebEnv = z.infer<typeof webEnvSchema>;

/** `origin` is on `appUrl`'s scheme and host name, on another port. */
function sameHostOtherPort(origin: string, appUrl: string): boolean {
  const pad = new URL(origin);
  const app = new URL(appUrl);
  return pad.protocol === app.protocol && pad.hostname === app.hostname && pad.origin !== app.origin;
}

/** The port the pad listener listens on, when the pad has an origin of its own. */
export function padListenPort(env: WebEnv): number | undefined {
  if (!env.PADMEET_PAD_ORIGIN) return undefined;
  if (env.PADMEET_PAD_PORT !== undefined) return env.PADMEET_PAD_PORT;
  const url = new URL(env.PADMEET_PAD_ORIGIN);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** padmeet is served over https (NEXTAUTH_URL): its cookies are Secure (next-auth's `__Secure-` names too) and HSTS is sent. */
export function servedOverHttps(env: Pick<WebEnv, 'NEXTAUTH_URL'>): boolean {
  return new URL(env.NEXTAUTH_URL).protocol === 'https:';
}
