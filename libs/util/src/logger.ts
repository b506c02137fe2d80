import { pino, stdSerializers, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const CENSOR = '[redacted]';

/** Field names that carry a secret, compared without case, `-` and `_` (password, currentPassword, new_password, set-cookie, x-api-key…). */
const SECRET_NAME = /password|passwd|secret|token|cookie|authorization|apikey|sessionid|privatekey/;

/** Fields that hold a URL or path, whose query may carry a secret (`/register?token=…`). */
const URL_NAME = /^(url|path|href|location|referer|referrer|fillpath|target)$/;

/**
 * A URL or path with every query value replaced (`/register?token=[redacted]`): invite tokens,
 * password-reset links and Etherpad session IDs travel in queries, and a log line keeps the path
 * and the names of the parameters, which is what one needs to follow a request.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const hash = url.indexOf('#', query);
  const search = url.slice(query + 1, hash === -1 ? undefined : hash);
  const names = search
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]}=${CENSOR}`);
  return `${url.slice(0, query)}?${names.join('&')}`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a log object with secrets censored at any depth: fields named like a secret, query
 * values of URL fields. Only plain objects and arrays are walked (errors go to pino's serializer,
 * which the `redact` paths below also cover at the usual places).
 */
export function scrubSecrets(value: unknown, name = '', depth = 0): unknown {
  const key = name.toLowerCase().replace(/[-_]/g, '');
  if (key !== '' && SECRET_NAME.test(key) && value !== undefined && value !== null && typeof value !== 'boolean' && typeof value !== 'number') return CENSOR;
  if (typeof value === 'string') return URL_NAME.test(key) ? redactUrl(value) : value;
  if (typeof value !== 'object' || value === null || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, '', depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) copy[field] = scrubSecrets(inner, field, depth + 1);
  return copy;
}

/** An incoming request as a log line carries it: method and URL (query values censored), never its headers. */
function requestSerializer(req: { method?: string; url?: string }) {
  return { method: req.method, url: typeof req.url === 'string' ? redactUrl(req.url) : req.url };
}

/**
 * The one structured logger. Secrets never reach the output: every field named like one (any
 * password field of any form, tokens, cookies, keys) is censored wherever it appears in a log
 * object or a child's bindings, URLs lose their query values, and a logged request is its method
 * and URL only.
 */
export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({
    name: options.name,
    level: options.level ?? 'info',
    serializers: {
      err: stdSerializers.err,
      error: stdSerializers.err,
      req: requestSerializer,
      request: requestSerializer,
      // Serializers also apply to a child's bindings, which pino does not pass through formatters.log.
      ...Object.fromEntries(['url', 'path', 'href', 'location', 'referer', 'fillPath'].map((field) => [field, (value: unknown) => (typeof value === 'string' ? redactUrl(value) : value)])),
    },
    formatters: {
      log: (object) => scrubSecrets(object) as Record<string, unknown>,
      bindings: (bindings) => scrubSecrets(bindings) as Record<string, unknown>,
    },
    redact: {
      // Belt and braces for objects the scrubber does not walk (class instances such as errors).
      paths: ['password', '*.password', 'token', '*.token', 'err.config.headers', 'headers.cookie', 'headers.authorization', 'req.headers.cookie', 'req.headers.authorization'],
      censor: CENSOR,
    },
  });
}
