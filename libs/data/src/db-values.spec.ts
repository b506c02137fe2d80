import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@padmeet/util';
import { conflictIfDuplicate, isDatabaseUnavailable, isDeadlock, isUniqueViolation } from './db-values';
import { Prisma } from './generated/prisma/client';

const known = (code: string, meta?: Record<string, unknown>, message = 'refused') => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: '6.19.3', meta });

describe('unique violations', () => {
  // The shapes the repositories meet: Prisma's own writes, raw statements through the pg adapter, the adapter's error as a cause.
  const duplicates = {
    'a Prisma write (P2002)': known('P2002', { modelName: 'Event', target: ['slug'] }),
    'a raw statement (P2010, SQLSTATE in meta)': known('P2010', { code: '23505', message: 'duplicate key value violates unique constraint "app_user_username_key"' }),
    'the pg adapter as the cause': Object.assign(new Error('DriverAdapterError'), { cause: { originalCode: '23505', kind: 'UniqueConstraintViolation' } }),
    'a plain pg error': Object.assign(new Error('duplicate key value violates unique constraint "room_slug_key"'), { code: '23505' }),
  };

  it.each(Object.entries(duplicates))('recognises %s', (_name, error) => {
    expect(isUniqueViolation(error)).toBe(true);
    const mapped = conflictIfDuplicate(error, { userMessage: 'The room name /r/x is taken; pick another.', field: 'slug' });
    expect(isAppError(mapped) && { code: mapped.code, field: mapped.field, userMessage: mapped.userMessage, cause: mapped.cause }).toEqual({
      code: 'CONFLICT',
      field: 'slug',
      userMessage: 'The room name /r/x is taken; pick another.',
      cause: error,
    });
  });

  it('leaves every other error as it was', () => {
    for (const error of [known('P2025'), known('P2010', { code: '23P01', message: 'conflicting key value violates exclusion constraint' }), new Error('connection reset'), null]) {
      expect(isUniqueViolation(error)).toBe(false);
      expect(conflictIfDuplicate(error, { userMessage: 'taken' })).toBe(error);
    }
  });
});

describe('deadlocks', () => {
  it('tells a deadlock PostgreSQL broke from other refusals', () => {
    expect(isDeadlock(known('P2010', { code: '40P01', message: 'deadlock detected' }))).toBe(true);
    expect(isDeadlock(new Error('deadlock detected', { cause: { code: '40P01' } }))).toBe(true);
    expect(isDeadlock(known('P2010', { code: '23P01', message: 'conflicting key value violates exclusion constraint' }))).toBe(false);
    expect(isDeadlock(new Error('connection reset'))).toBe(false);
  });
});

describe('the database not serving now', () => {
  it("recognises pg's own errors: a server that does not answer, a pool with no connection free, a refused connection", async () => {
    // A server that accepts connections and never answers: PostgreSQL hung, or a network in the way.
    const silent = createServer(() => undefined);
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    const port = (silent.address() as AddressInfo).port;
    const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'x', database: 'x', max: 1, connectionTimeoutMillis: 100 });
    try {
      const errors = await Promise.all([pool.query('select 1'), pool.query('select 1')].map((query) => query.then(() => null, (error: unknown) => error)));
      expect(errors.map((error) => String(error))).toEqual([expect.stringMatching(/timeout/i), expect.stringMatching(/timeout/i)]);
      for (const error of errors) expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await pool.end();
      silent.close();
    }
    const refused = await new pg.Client({ host: '127.0.0.1', port, user: 'x', database: 'x' }).connect().then(() => null, (error: unknown) => error);
    expect(isDatabaseUnavailable(refused)).toBe(true);
  });

  it('recognises Prisma\'s codes for it, and nothing the request itself caused', () => {
    expect(isDatabaseUnavailable(known('P2024', { message: 'Timed out fetching a new connection from the connection pool' }))).toBe(true);
    expect(isDatabaseUnavailable(known('P1001', { message: "Can't reach database server" }))).toBe(true);
    expect(isDatabaseUnavailable(known('P2010', { code: '53300', message: 'sorry, too many clients already' }))).toBe(true);
    expect(isDatabaseUnavailable(known('P2002', { target: ['slug'] }))).toBe(false);
    expect(isDatabaseUnavailable(known('P2010', { code: '40P01', message: 'deadlock detected' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});
