import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

const config: NextConfig = {
  // Each stack (local, test, parallel test runs) builds into its own directory,
  // so a test run never overwrites the build a local run is serving.
  distDir: process.env['PADMEET_NEXT_DIST_DIR'] ?? '.next',
  // Workspace libs are TypeScript sources, compiled by Next with the app.
  transpilePackages: ['@padmeet/api', '@padmeet/contract', '@padmeet/data', '@padmeet/join-token', '@padmeet/metrics', '@padmeet/pad', '@padmeet/room-client', '@padmeet/schedule', '@padmeet/util', '@padmeet/web-edge'],
  // Node-only packages loaded at run time rather than bundled.
  serverExternalPackages: ['pino', 'thread-stream', 'pg', '@prisma/client', '@prisma/adapter-pg', 'etherpad-lite-client', '@touch4it/ical-timezones'],
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  poweredByHeader: false,
  // Etherpad's socket.io (proxied under /pad) needs its trailing slashes kept.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
  // Security headers (CSP with a nonce per page, framing, HSTS…) are set by the server in front of
  // Next (src/main.ts, libs/web-edge), for Next's responses, the response cache's and the /pad proxy's alike.
};

export default config;
