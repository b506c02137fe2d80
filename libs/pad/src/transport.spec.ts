import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEtherpadUrl } from './etherpad-url';
import { createHttpTransport, EtherpadCallError, type EtherpadFailure } from './transport';

// The HTTP transport against a tiny local HTTP server (no Etherpad): checks the wrapping of
// etherpad-lite-client, not Etherpad itself (that is pad-service.int.test.ts).
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transportFor(url: string, timeoutMs = 1000) {
  return createHttpTransport({ location: parseEtherpadUrl(url), apiKey: 'secret', timeoutMs });
}

async function failureOf(promise: Promise<unknown>): Promise<EtherpadFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EtherpadCallError);
  return (error as EtherpadCallError).failure;
}

describe('http transport', () => {
  it('calls /<base>/api/<version>/<function> with the key and arguments', async () => {
    let seen = '';
    const url = await serve((req, res) => {
      seen = req.url ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 0, message: 'ok', data: { text: 'hello\n' } }));
    });
    await expect(transportFor(`${url}/pads`).call('1.2.15', 'getText', { padID: 'a-room' })).resolves.toEqual({
      text: 'hello\n',
    });
    const parsed = new URL(seen, url);
    expect(parsed.pathname).toBe('/pads/api/1.2.15/getText');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ apikey: 'secret', padID: 'a-room' });
  });

  it('reads the server version from /api', async () => {
    const url = await serve((_req, res) => res.end(JSON.stringify({ currentVersion: '1.2.15' })));
    await expect(transportFor(url).getApiVersion()).resolves.toBe('1.2.15');
  });

  it('passes API errors through with their code', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 401;
      res.end(JSON.stringify({ code: 4, message: 'no or wrong API Key', data: null }));
    });
    expect(await failureOf(transportFor(url).call('1.2.15', 'checkToken', {}))).toEqual({
      kind: 'api',
      code: 4,
      message: 'no or wrong API Key',
    });
  });

  it('reports a non-JSON answer as bad-response', async () => {
    const url = await serve((_req, res) => res.end('<html>proxy error</html>'));
    expect((await failureOf(transportFor(url).call('1.2.15', 'checkToken', {}))).kind).toBe('bad-response');
    expect((await failureOf(transportFor(url).getApiVersion())).kind).toBe('bad-response');
  });

  it('gives up on a server that never answers, within the time limit', async () => {
    const url = await serve(() => undefined);
    const transport = transportFor(url, 300);
    const started = Date.now();
    expect(await failureOf(transport.call('1.2.15', 'checkToken', {}))).toEqual({ kind: 'timeout' });
    expect(await failureOf(transport.getApiVersion())).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gives up on an answer that stops half-way, within the time limit', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('content-length', '1000');
      res.write('{"code":0,');
    });
    expect(await failureOf(transportFor(url, 300).call('1.2.15', 'checkToken', {}))).toEqual({ kind: 'timeout' });
  });

  it('reports a closed port as unreachable', async () => {
    const url = await serve(() => undefined);
    server!.close();
    server = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await failureOf(transportFor(url).call('1.2.15', 'checkToken', {}))).kind).toBe('unreachable');
    expect((await failureOf(transportFor(url).getApiVersion())).kind).toBe('unreachable');
  });
});
