import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The README promises that lint stops Prisma outside libs/data and @trpc/server outside libs/api,
// in every project (apps/web-e2e included). This lints one-line files at paths in each project
// with the workspace's own config and reads the placement rule's verdicts.
const eslint = new ESLint({ cwd: process.cwd() });

async function refused(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).some((message) => message.ruleId === 'no-restricted-imports');
}

const trpc = "import { initTRPC as x } from '@trpc/server';";
const trpcAdapter = "import { fetchRequestHandler as x } from '@trpc/server/adapters/fetch';";
const prismaClient = "import { PrismaClient as x } from '@prisma/client';";
const generated = "import { PrismaClient as x } from '../../data/src/generated/prisma/client';";
const pg = "import x from 'pg';";

describe('package placement (eslint.config.mjs)', () => {
  it.each([
    ['libs/accounts/src/x.ts', trpc],
    ['libs/pad-proxy/src/x.ts', trpcAdapter],
    ['libs/sfu-core/src/x.ts', trpc],
    ['apps/web/src/server/x.ts', trpc],
    ['apps/web-e2e/src/x.ts', trpc],
    ['libs/data/src/x.ts', trpc],
    ['libs/pad/src/x.ts', prismaClient],
    ['libs/api/src/x.ts', prismaClient],
    ['libs/accounts/src/x.ts', generated],
    ['apps/web-e2e/src/x.ts', prismaClient],
    ['apps/web-e2e/src/x.e2e.ts', generated],
    ['apps/auth/src/x.ts', pg],
    ['libs/api/src/x.ts', pg],
  ])('refuses in %s: %s', async (filePath, source) => {
    expect(await refused(filePath, source)).toBe(true);
  });

  it.each([
    ['libs/api/src/trpc.ts', trpc],
    ['libs/api/src/server.ts', trpcAdapter],
    ['libs/api/src/routers/x.spec.ts', trpc],
    ['libs/data/src/client.ts', prismaClient],
    ['libs/data/src/pool.ts', pg],
    ['apps/web-e2e/src/fixtures.ts', pg],
    ['libs/pad/src/x.int.test.ts', pg],
  ])('allows in %s: %s', async (filePath, source) => {
    expect(await refused(filePath, source)).toBe(false);
  });
}, 60_000);
