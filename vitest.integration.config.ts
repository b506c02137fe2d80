import { defineConfig } from 'vitest/config';

// Integration tests: real PostgreSQL, real Etherpad, real mediasoup worker.
// infra/scripts/test.sh starts those and exports their addresses before this runs.
export default defineConfig({
  test: {
    include: ['**/*.int.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/.next/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
