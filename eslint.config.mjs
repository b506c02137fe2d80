// One lint config for the workspace. Module boundaries are enforced, not only declared:
// a lib importing across scopes or layers, or a package outside its allowed place
// (mediasoup outside the SFU, React in a Node service: by tags below; Prisma outside libs/data,
// @trpc/server outside libs/api: by path, in every project, apps/web-e2e included),
// fails `nx run-many -t lint`. infra/lint/module-boundaries.spec.ts checks the placement rules.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const reactAndNext = ['next', 'next/*', 'react', 'react-dom', 'react/*', 'react-dom/*', 'next-auth', 'next-auth/*'];
const prisma = ['@prisma/client', '@prisma/client/*', '@prisma/adapter-pg', 'pg', 'prisma'];
const trpcServer = ['@trpc/server', '@trpc/server/*'];

/**
 * Packages that belong to one lib, by path: Nx's tag rules cannot say "this lib and no other"
 * (libs/api is a feature lib like libs/accounts). Each file gets one list of what it may not import.
 */
const onlyIn = {
  prisma: {
    lib: 'libs/data',
    paths: ['@prisma/client', '@prisma/adapter-pg', 'prisma'].map((name) => ({ name, message: 'Prisma belongs to libs/data: use its repositories (@padmeet/data).' })),
    patterns: [
      { group: ['@prisma/client/*', '@prisma/adapter-pg/*', 'prisma/*'], message: 'Prisma belongs to libs/data: use its repositories (@padmeet/data).' },
      { group: ['**/generated/prisma', '**/generated/prisma/*'], message: "The generated Prisma client belongs to libs/data: use its repositories (@padmeet/data)." },
    ],
  },
  // The pg driver: libs/data's pool; tests may also use it to set up rows (apps/web-e2e's fixtures, Etherpad's database in libs/pad's integration test).
  pg: {
    lib: 'libs/data',
    paths: [{ name: 'pg', message: 'The PostgreSQL driver belongs to libs/data (tests may use it for set-up).' }],
    patterns: [],
  },
  trpcServer: {
    lib: 'libs/api',
    paths: [{ name: '@trpc/server', message: '@trpc/server belongs to libs/api: import its routers or `type AppRouter` from @padmeet/api.' }],
    patterns: [{ group: ['@trpc/server/*'], message: '@trpc/server belongs to libs/api: import its routers or `type AppRouter` from @padmeet/api.' }],
  },
};
// Tests, and the benchmarks (infra/bench), which set up their rows the same way.
const testFiles = ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int.test.ts', 'apps/web-e2e/**', 'infra/bench/**'];
const restricted = (...lists) => ({
  'no-restricted-imports': ['error', { paths: lists.flatMap((list) => list.paths), patterns: lists.flatMap((list) => list.patterns) }],
});
const placement = [
  { files: ['**/*.{ts,tsx,mts,js,mjs}'], rules: restricted(onlyIn.prisma, onlyIn.pg, onlyIn.trpcServer) },
  { files: testFiles, rules: restricted(onlyIn.prisma, onlyIn.trpcServer) },
  { files: ['libs/data/**'], rules: restricted(onlyIn.trpcServer) },
  { files: ['libs/api/**'], rules: restricted(onlyIn.prisma, onlyIn.pg) },
  { files: ['libs/api/**/*.spec.ts', 'libs/api/**/*.int.test.ts'], rules: restricted(onlyIn.prisma) },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.next/**', '**/.next-*/**', '**/generated/**', '**/next-env.d.ts', '.nx/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', AbortController: 'readonly', Response: 'readonly', Request: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly', RTCPeerConnection: 'readonly', MediaStream: 'readonly', WebSocket: 'readonly', structuredClone: 'readonly', performance: 'readonly', EventSource: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // scope: who may depend on whom
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:sfu', onlyDependOnLibsWithTags: ['scope:sfu', 'scope:shared'] },
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:auth', 'scope:shared'] },
            // type: layering
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:ui', 'type:data-access', 'type:domain', 'type:util', 'type:contract'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contract', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:ui', 'type:data-access', 'type:domain', 'type:util', 'type:contract'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contract'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util', 'type:contract'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:contract'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'] },
            // packages that belong to one place only
            { sourceTag: 'scope:web', bannedExternalImports: ['mediasoup', 'mediasoup/*'] },
            { sourceTag: 'scope:auth', bannedExternalImports: ['mediasoup', 'mediasoup/*', 'mediasoup-client', ...reactAndNext] },
            { sourceTag: 'scope:sfu', bannedExternalImports: [...reactAndNext, 'mediasoup-client'] },
            { sourceTag: 'scope:shared', bannedExternalImports: ['mediasoup', 'mediasoup/*', 'mediasoup-client'] },
            { sourceTag: 'type:app', bannedExternalImports: [...prisma, ...trpcServer] },
            { sourceTag: 'type:feature', bannedExternalImports: prisma },
            { sourceTag: 'type:ui', bannedExternalImports: [...prisma, ...trpcServer] },
            { sourceTag: 'type:domain', bannedExternalImports: [...prisma, ...trpcServer] },
            { sourceTag: 'type:util', bannedExternalImports: [...prisma, ...trpcServer] },
            { sourceTag: 'type:contract', bannedExternalImports: [...prisma, ...trpcServer, 'mediasoup'] },
            { sourceTag: 'type:data-access', bannedExternalImports: trpcServer },
          ],
        },
      ],
    },
  },
  ...placement,
  // CommonJS scripts run inside Etherpad's own install (infra/etherpad), where require() is the way in.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
