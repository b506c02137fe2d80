import { AppError } from '@padmeet/util';

/** A PostgreSQL `date` as Prisma returns it (UTC midnight) → "YYYY-MM-DD". */
export function fromDbDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" → the Date Prisma writes to a `date` column. */
export function toDbDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

/** Every nested cause, message and metadata of a database error, as one searchable string. */
function describeError(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 5) return String(error ?? '');
  const e = error as { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown; originalCode?: unknown };
  let meta = '';
  try {
    meta = JSON.stringify(e.meta ?? '');
  } catch {
    meta = '';
  }
  return [String(e.code ?? ''), String(e.originalCode ?? ''), String(e.message ?? ''), meta, describeError(e.cause, depth + 1)].join(' ');
}

/**
 * SQLSTATE 40P01: PostgreSQL broke a deadlock by aborting this statement. Concurrent inserts into an
 * exclusion constraint can wait on each other (each inserted its index entry, then waits for the
 * other's transaction): one of them is aborted after deadlock_timeout, and asking again settles it.
 */
export function isDeadlock(error: unknown): boolean {
  return /\b40P01\b|deadlock detected/i.test(describeError(error));
}

/**
 * The database could not serve the request now, whatever was asked: no connection free in the pool
 * within its timeout, PostgreSQL unreachable, restarting or out of connections (pg's and Prisma's
 * words and codes). Worth a "try again", not an "our bug".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ECONNRESET|\bP10(?:01|02|08|17)\b|\bP2024\b|\b57P0[123]\b|\b53300\b|too many clients|the database system is (?:starting|shutting) (?:up|down)/i.test(describeError(error));
}

/** SQLSTATE 23P01: an exclusion constraint refused the row (e.g. overlapping sessions in a room). */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  const text = describeError(error);
  return (text.includes('23P01') || /exclusion constraint|ExclusionConstraint/i.test(text)) && (!constraint || text.includes(constraint) || !/constraint "/.test(text));
}

/**
 * SQLSTATE 23505 / Prisma P2002: a unique constraint refused the row. The one test of it, for
 * Prisma's own writes (P2002) and raw statements through the pg adapter alike (P2010 with the
 * PostgreSQL code or message in its metadata or cause).
 */
export function isUniqueViolation(error: unknown): boolean {
  const text = describeError(error);
  return /\bP2002\b|\b23505\b|Unique constraint/i.test(text);
}

/**
 * What a refused write becomes, in one place: a unique violation turns into the AppError
 * CONFLICT that names the form field, anything else stays as it was.
 * `catch (error) { throw conflictIfDuplicate(error, { userMessage: '…is taken', field: 'slug' }); }`
 */
export function conflictIfDuplicate(error: unknown, refusal: { userMessage: string; field?: string }): unknown {
  return isUniqueViolation(error) ? new AppError('CONFLICT', { ...refusal, cause: error }) : error;
}
