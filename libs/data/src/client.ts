import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { createPgPool } from './pool';

export type Db = PrismaClient;

const cache = globalThis as unknown as { __padmeetDb?: Map<string, Db> };

/**
 * One Prisma client per database URL and process (kept on globalThis so that
 * Next's dev reloads do not open a new pool each time).
 */
export function getDb(databaseUrl: string): Db {
  cache.__padmeetDb ??= new Map();
  let db = cache.__padmeetDb.get(databaseUrl);
  if (!db) {
    db = new PrismaClient({ adapter: new PrismaPg(createPgPool(databaseUrl)) });
    cache.__padmeetDb.set(databaseUrl, db);
  }
  return db;
}

export async function disconnectAll(): Promise<void> {
  const dbs = [...(cache.__padmeetDb?.values() ?? [])];
  cache.__padmeetDb?.clear();
  await Promise.all(dbs.map((db) => db.$disconnect()));
}

/** Fails with a clear message when the database is down or not migrated. */
export async function checkDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1 FROM "_prisma_migrations" LIMIT 1`;
}
