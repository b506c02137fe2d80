import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { createPgPool } from './libs/data/src/pool';

// Prisma 6.19 with its WebAssembly engines and the pg driver adapter: works
// with no internet (no Rust engine download). DATABASE_URL names the database.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    const url = process.env['DATABASE_URL'];
    if (!url) throw new Error('DATABASE_URL is not set: e.g. postgresql://padmeet:padmeet@127.0.0.1:5432/padmeet');
    return new PrismaPg(createPgPool(url, { max: 2 }));
  },
});
