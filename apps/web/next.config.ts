import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

const config: NextConfig = {
  // Each stack (local, test, parallel test runs) builds into its own directory,
  // so a test run never overwrites the build a local run is serving.
  distDir: process.env['PADMEET_NEXT_DIST_DIR'] ?? '.next',
  // Workspace libs are TypeScript sources, compiled by Next with the app.
  transpilePackages: ['@padmeet/api', '@padmeet/contract', '@padmeet/data', '@padmeet/join-token', '@padmeet/pad', '@padmeet/room-client', '@padmeet/schedule', '@padmeet/util'],
  // Node-only packages loaded at run time rather than bundled.
  serverExternalPackages: ['pino', 'thread-stream', 'pg', '@prisma/client', '@prisma/adapter-pg', 'etherpad-lite-client', '@touch4it/ical-timezones'],
  turbopack: { root: workspaceRoot },
  outputFileTracingRoot: workspaceRoot,
  poweredByHeader: false,
  // Etherpad's socket.io (proxied under /pad) needs its trailing slashes kept.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), display-capture=(self)' },
        ],
      },
    ];
  },
};

export default config;
