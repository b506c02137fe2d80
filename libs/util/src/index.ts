export { AppError, isAppError, type AppErrorCode } from './app-error';
export { createLogger, type Logger } from './logger';
export { describeStartupError, formatZodIssues } from './startup-error';
