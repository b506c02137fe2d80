export { AppError, isAppError, type AppErrorCode } from './app-error';
export { createLogger, type Logger } from './logger';
export { describeStartupError, exitWithStartupError, firstLineOf, formatZodIssues } from './startup-error';
export { readJsonBody, sendJson, sendError } from './http';
export { parseEnvOrExit } from './env';
export { addressKey, createRateLimiter, type RateLimiter, type RateLimitDecision, type RateLimiterOptions } from './rate-limiter';
export { ensurePrivateDir, restrictToOwner, writePrivateFile } from './private-files';
export { clientAddressOf } from './client-address';
export { parseCookieHeader } from './cookies';
