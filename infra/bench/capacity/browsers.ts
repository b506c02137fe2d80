/**
 * A few real Chromium participants in the loaded room (browser-participant.ts, bundled with
 * esbuild): each publishes its fake camera and consumes the others' over WebRTC through the same
 * worker the synthetic load runs on. The benchmark reads their decoded frames before and after
 * its window, and the SRTP cipher their transports negotiated. The page is served from a local
 * origin the bench SFU allows.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../support';
import type { NegotiatedCipher } from './srtp';

type PageApi = {
  joinRoom(sfuUrl: string, token: string): Promise<string>;
  consumeCamera(producerId: string): Promise<void>;
  framesDecoded(): Promise<number>;
  srtpCiphers(): Promise<NegotiatedCipher[]>;
};

export interface BrowserParticipants {
  /** The origin the pages run on (the SFU must allow it). */
  origin: string;
  join(sfuUrl: string, tokens: string[]): Promise<void>;
  framesDecoded(): Promise<number[]>;
  /** Per page, what each of its transports negotiated with the SFU (DTLS-SRTP). */
  srtpCiphers(): Promise<NegotiatedCipher[][]>;
  close(): Promise<void>;
}

/** Serves an empty page on localhost and launches Chromium pinned to `cpus` (through taskset). */
export async function startBrowsers(cpus: string): Promise<BrowserParticipants> {
  const dir = join(tmpdir(), 'padmeet-bench-capacity');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, 'browser-participant.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: join(dir, 'browser-participant.js'),
    tsconfig: join(import.meta.dirname, '../../../tsconfig.base.json'),
    logLevel: 'error',
  });
  const script = readFileSync(join(dir, 'browser-participant.js'), 'utf8');
  const server: Server = createServer((request, response) => {
    if (request.url === '/participant.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      return response.end(script);
    }
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>capacity participant</title><script src="/participant.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const wrapper = join(dir, 'chromium-pinned');
  writeFileSync(wrapper, `#!/bin/sh\nexec taskset -c ${cpus} ${process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
  const pages: Page[] = [];
  const api = (page: Page) => page as unknown as { evaluate: Page['evaluate'] };
  return {
    origin,
    async join(sfuUrl, tokens) {
      const cameras: string[] = [];
      for (const token of tokens) {
        const page = await (await browser.newContext()).newPage();
        pages.push(page);
        await page.goto(origin);
        cameras.push(await api(page).evaluate(([url, jwt]) => (globalThis as unknown as PageApi).joinRoom(url!, jwt!), [sfuUrl, token]));
      }
      for (const [index, page] of pages.entries()) {
        for (const [other, camera] of cameras.entries()) {
          if (other !== index) await api(page).evaluate((id) => (globalThis as unknown as PageApi).consumeCamera(id), camera);
        }
      }
    },
    framesDecoded: () => Promise.all(pages.map((page) => api(page).evaluate(() => (globalThis as unknown as PageApi).framesDecoded()))),
    srtpCiphers: () => Promise.all(pages.map((page) => api(page).evaluate(() => (globalThis as unknown as PageApi).srtpCiphers()))),
    async close() {
      await browser.close();
      server.close();
    },
  };
}
