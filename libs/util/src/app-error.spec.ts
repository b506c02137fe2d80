import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './app-error';
import { describeStartupError, formatZodIssues } from './startup-error';

describe('AppError', () => {
  it('carries a user message, a field and an HTTP status per code', () => {
    const error = new AppError('CONFLICT', { userMessage: 'Room taken', field: 'start' });
    expect(error.userMessage).toBe('Room taken');
    expect(error.field).toBe('start');
    expect(error.httpStatus).toBe(409);
    expect(isAppError(error)).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
  });

  it('recognises an AppError made by another copy of the module (Next may load a library twice in one process)', async () => {
    const secondCopy: string = './app-error?second-copy';
    const other = (await import(/* @vite-ignore */ secondCopy)) as typeof import('./app-error');
    expect(other.AppError).not.toBe(AppError);
    const foreign = new other.AppError('NOT_FOUND', { userMessage: 'No such room' });
    expect(foreign instanceof AppError).toBe(false);
    expect(isAppError(foreign)).toBe(true);
    expect(other.isAppError(new AppError('CONFLICT'))).toBe(true);
    expect(isAppError({ code: 'NOT_FOUND', userMessage: 'forged' })).toBe(false);
  });

  it('falls back to a default message per code', () => {
    expect(new AppError('RATE_LIMITED', { retryAfterSeconds: 5 }).userMessage).toMatch(/try again/i);
    expect(new AppError('UNAVAILABLE').httpStatus).toBe(503);
  });
});

describe('start-up errors', () => {
  it('names every bad variable on one line', () => {
    const line = formatZodIssues([
      { path: ['DATABASE_URL'], message: 'Required' },
      { path: ['PORT'], message: 'Expected number' },
    ]);
    expect(line).toBe('DATABASE_URL: Required; PORT: Expected number');
    expect(describeStartupError('sfu', 'bad env', 'fix it')).toBe('padmeet sfu: bad env -> fix it');
  });
});
