// Bundles a Node service (apps/auth, apps/sfu) with its workspace libs into one
// ESM file; third-party packages stay external and load from node_modules.
// Usage: node infra/scripts/build-node-app.mjs <entry.ts> <out.js>
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: build-node-app.mjs <entry.ts> <out.js>');
  process.exit(1);
}

const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@padmeet/') || args.path.startsWith('node:')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  tsconfig: 'tsconfig.base.json',
  plugins: [externalThirdParty],
  logLevel: 'warning',
});
