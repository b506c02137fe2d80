import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * The one structured logger. Secrets never reach the output: every field name
 * that can carry one is redacted wherever it appears in a log object.
 */
export function createLogger(options: { name: string; level?: string }): Logger {
  return pino({
    name: options.name,
    level: options.level ?? 'info',
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'joinToken',
        '*.joinToken',
        'apiKey',
        '*.apiKey',
        'secret',
        '*.secret',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
