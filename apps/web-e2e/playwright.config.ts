import { defineConfig } from '@playwright/test';

// Runs against the test stack that infra/scripts/test.sh starts (production build
// of the web app, real auth, SFU with a real mediasoup worker, real Etherpad and
// PostgreSQL). Debian's Chromium with a fake camera; Playwright never downloads a browser.
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: '../../test-results/web-e2e',
  use: {
    baseURL: process.env['PADMEET_WEB_URL'] ?? 'http://localhost:3100',
    permissions: ['camera', 'microphone'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
      ],
    },
  },
});
