import { defineConfig } from 'vitest/config';

// Unit tests: pure logic, next to the code, no running services.
export default defineConfig({
  test: {
    include: ['**/*.spec.ts', '**/*.spec.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/.next/**'],
    environment: 'node',
  },
});
