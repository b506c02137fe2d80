/**
 * The one error type of padmeet's domain code. Handlers throw it with a code
 * and a message fit to show a user; one middleware per transport (tRPC, HTTP,
 * WebSocket) maps the code to its status. Nothing else is caught per call site.
 */
export type AppErrorCode =
  | 'BAD_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface AppErrorOptions {
  /** Safe to show to the person who caused it. */
  userMessage?: string;
  /** For BAD_INPUT / CONFLICT: which form field the message belongs to. */
  field?: string;
  /** For RATE_LIMITED: seconds until a retry may succeed. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

const defaultMessages: Record<AppErrorCode, string> = {
  BAD_INPUT: 'The request was not valid.',
  UNAUTHENTICATED: 'Please sign in.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'Not found.',
  CONFLICT: 'That conflicts with something that already exists.',
  RATE_LIMITED: 'Too many attempts; try again later.',
  UNAVAILABLE: 'A service padmeet depends on is not reachable right now; try again shortly.',
  INTERNAL: 'Something went wrong on our side.',
};

/**
 * Marks AppErrors by a registered symbol rather than by class identity: Next
 * can evaluate a library more than once in one process (pages and route
 * handlers get separate copies), and an error made by one copy of this class
 * is not an `instanceof` another's.
 */
const APP_ERROR = Symbol.for('padmeet.AppError');

export class AppError extends Error {
  readonly [APP_ERROR] = true;
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: AppErrorCode, options: AppErrorOptions = {}) {
    const userMessage = options.userMessage ?? defaultMessages[code];
    super(userMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** HTTP status for transports that speak HTTP directly (auth service, SFU upgrade). */
  get httpStatus(): number {
    switch (this.code) {
      case 'BAD_INPUT':
        return 400;
      case 'UNAUTHENTICATED':
        return 401;
      case 'FORBIDDEN':
        return 403;
      case 'NOT_FOUND':
        return 404;
      case 'CONFLICT':
        return 409;
      case 'RATE_LIMITED':
        return 429;
      case 'UNAVAILABLE':
        return 503;
      case 'INTERNAL':
        return 500;
    }
  }
}

/** True for an AppError from any copy of this module (see APP_ERROR). */
export function isAppError(error: unknown): error is AppError {
  return typeof error === 'object' && error !== null && (error as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
}
