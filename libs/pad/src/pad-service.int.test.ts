import { createServer } from 'node:net';
import { AppError } from '@padmeet/util';
import { describe, expect, it } from 'vitest';
import { buildInitialPadText } from './notes-template';
import { createPadService } from './pad-service';

// Runs against a real Etherpad. infra/scripts/test.sh starts one and exports these; by hand:
//   bash infra/scripts/etherpad.sh install
//   bash infra/scripts/etherpad.sh run --state-dir /tmp/pad-it --port 9011 &
//   ETHERPAD_URL=http://127.0.0.1:9011 \
//   ETHERPAD_API_KEY=$(bash infra/scripts/etherpad.sh api-key --state-dir /tmp/pad-it) \
//   NX_DAEMON=false npx nx run pad:integration
const apiUrl = process.env.ETHERPAD_URL;
const apiKey = process.env.ETHERPAD_API_KEY;
if (!apiUrl || !apiKey) {
  throw new Error(
    'pad integration tests need a running Etherpad: set ETHERPAD_URL and ETHERPAD_API_KEY ' +
      '(start one with `bash infra/scripts/etherpad.sh run --state-dir <dir> --port <port>`; ' +
      'the key is printed by `bash infra/scripts/etherpad.sh api-key --state-dir <dir>`), ' +
      'or run them through infra/scripts/test.sh, which starts Etherpad for you.',
  );
}

const config = { apiUrl, apiKey, timeoutMs: 5000 };
const pads = createPadService(config);

/** A pad ID no earlier run used (the state dir keeps pads between runs). */
function freshPadId(name: string): string {
  return `it-${name}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Direct API call, for what PadService deliberately does not offer (setText, listAllPads). */
async function rawApi(functionName: string, args: Record<string, string>): Promise<unknown> {
  const { apiVersion } = await pads.checkHealth();
  const query = new URLSearchParams({ apikey: apiKey!, ...args });
  const response = await fetch(`${apiUrl!.replace(/\/$/, '')}/api/${apiVersion}/${functionName}`, {
    method: 'POST',
    body: query,
  });
  const body = (await response.json()) as { code: number; message: string; data: unknown };
  expect(body.code, body.message).toBe(0);
  return body.data;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('PadService against a real Etherpad', () => {
  it('reports the server API version and accepts the key', async () => {
    const health = await pads.checkHealth();
    expect(health.apiVersion).toMatch(/^1\.\d+(\.\d+)?$/);
    expect(health.callApiVersion).toMatch(/^1\.\d+(\.\d+)?$/);
  });

  it('creates a pad once, then is idempotent', async () => {
    const padId = freshPadId('ensure');
    const text = buildInitialPadText({ roomName: 'Integration room' });
    await expect(pads.ensurePad(padId, text)).resolves.toEqual({ created: true });
    await expect(pads.ensurePad(padId, 'other text')).resolves.toEqual({ created: false });
    expect((await pads.getText(padId)).trimEnd()).toBe(text.trimEnd());
    await expect(pads.getRevisionsCount(padId)).resolves.toBe(0);
  });

  it('survives 10 concurrent creations of one new pad from separate clients', async () => {
    const padId = freshPadId('race');
    const text = buildInitialPadText({ roomName: 'Race room', eventName: 'PTG' });
    // Separate services: no in-process sharing, so Etherpad sees 10 createPad calls.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => createPadService(config).ensurePad(padId, text)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('fulfilled'));
    const created = results.filter((r) => r.status === 'fulfilled' && r.value.created).length;
    expect(created).toBeGreaterThanOrEqual(1);
    const { padIDs } = (await rawApi('listAllPads', {})) as { padIDs: string[] };
    expect(padIDs.filter((id) => id === padId)).toHaveLength(1);
    expect((await pads.getText(padId)).trimEnd()).toBe(text.trimEnd());
  });

  it('reads back text set through the API, as text and HTML', async () => {
    const padId = freshPadId('text');
    await pads.ensurePad(padId, 'first');
    await rawApi('setText', { padID: padId, text: 'Agreed: ship <v5> on Friday\n' });
    expect(await pads.getText(padId)).toBe('Agreed: ship <v5> on Friday\n');
    expect(await pads.getHtml(padId)).toContain('Agreed: ship &lt;v5&gt; on Friday');
    expect(await pads.getRevisionsCount(padId)).toBeGreaterThanOrEqual(1);
  });

  it('maps a missing pad to NOT_FOUND', async () => {
    expect((await rejection(pads.getText(freshPadId('missing')))).code).toBe('NOT_FOUND');
  });

  it('serves the pad page at padUrl', async () => {
    const padId = freshPadId('page');
    await pads.ensurePad(padId, 'page');
    const url = pads.padUrl(padId);
    expect(url).toBe(`${apiUrl!.replace(/\/$/, '')}/p/${padId}`);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(await response.text()).toContain('<html');
  });

  it('explains a wrong API key', async () => {
    const wrong = createPadService({ ...config, apiKey: 'f'.repeat(64) });
    const error = await rejection(wrong.ensurePad(freshPadId('key')));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.userMessage).toMatch(/refused padmeet's API key/);
    expect((await rejection(wrong.checkHealth())).code).toBe('UNAVAILABLE');
  });

  it('fails fast and clearly when Etherpad is not listening', async () => {
    const port = await closedPort();
    const down = createPadService({ apiUrl: `http://127.0.0.1:${port}`, apiKey, timeoutMs: 2000 });
    const started = Date.now();
    const error = await rejection(down.ensurePad('any-room'));
    expect(Date.now() - started).toBeLessThan(2500);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.userMessage).toBe(
      `The notes server (Etherpad) is not reachable at http://127.0.0.1:${port}; the video room still works.`,
    );
    expect((await rejection(down.checkHealth())).code).toBe('UNAVAILABLE');
  });
});
