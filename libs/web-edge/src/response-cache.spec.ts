import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createResponseCache, pickEncoding, type CacheRule, type FilledResponse, type ResponseCacheOptions } from './response-cache';

// The cache's own logic over a real node:http server; "Next" is a fill function the test controls.
const rule: CacheRule = {
  name: 'doc',
  match: (_method, url) => {
    const m = /^\/doc\/([a-z]+)$/.exec(url.pathname);
    return m ? { key: m[1]!, tag: m[1]!, fillPath: `/doc/${m[1]}` } : null;
  },
  lifetime: () => ({ freshMs: 1_000, maxMs: 10_000 }),
};

const ok = (body: string, headers: Array<[string, string]> = []): FilledResponse => ({
  status: 200,
  headers: [['content-type', 'text/plain'], ...headers],
  body: Buffer.from(body),
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function serve(options: Partial<ResponseCacheOptions> & Pick<ResponseCacheOptions, 'fill'>, before?: (res: ServerResponse) => void) {
  const cache = createResponseCache({ rules: [rule], ...options });
  server = createServer((req, res) => {
    before?.(res);
    if (!cache.handle(req, res)) {
      res.statusCode = 418;
      res.end('passed through');
    }
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<Reply>((done, fail) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', fail);
      req.end();
    });
  return { cache, get };
}

/** A fill that counts its calls and answers with the current `next` body. */
function countingFill(first: FilledResponse) {
  const state = { calls: 0, next: first, gate: Promise.resolve() };
  return {
    state,
    fill: async () => {
      state.calls++;
      await state.gate;
      return state.next;
    },
  };
}

describe('response cache', () => {
  it("sends a rule's Cache-Control instead of Next's with what it keeps, and Next's own when a rule has none", async () => {
    const nextSays: Array<[string, string]> = [['cache-control', 'private, no-cache, no-store, max-age=0, must-revalidate']];
    const { get } = await serve({ fill: async () => ok('schedule', nextSays), rules: [{ ...rule, cacheControl: 'public, max-age=0, s-maxage=2' }] });
    const reply = await get('/doc/ptg');
    expect(reply.headers['cache-control']).toBe('public, max-age=0, s-maxage=2');
    server!.close();
    const plain = await serve({ fill: async () => ok('schedule', nextSays) });
    expect((await plain.get('/doc/ptg')).headers['cache-control']).toBe(nextSays[0]![1]);
  });

  it('asks Next once for many concurrent misses, then serves hits from memory', async () => {
    const { state, fill } = countingFill(ok('schedule v1'));
    let open!: () => void;
    state.gate = new Promise((r) => (open = r));
    const { get, cache } = await serve({ fill });
    const waiting = Array.from({ length: 20 }, () => get('/doc/ptg'));
    // Open the gate only once all 20 have reached the cache (a fixed sleep was too short on a busy machine).
    await expect.poll(() => cache.stats().misses, { interval: 5 }).toBe(20);
    open();
    const replies = await Promise.all(waiting);
    expect(state.calls).toBe(1);
    expect(replies.map((r) => [r.status, r.body.toString(), r.headers['x-padmeet-cache']])).toEqual(Array(20).fill([200, 'schedule v1', 'miss']));
    const hit = await get('/doc/ptg');
    expect([hit.body.toString(), hit.headers['x-padmeet-cache'], hit.headers['content-type']]).toEqual(['schedule v1', 'hit', 'text/plain']);
    expect(state.calls).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 20, entries: 1 });
  });

  it('passes requests no rule covers, and writes nothing for them', async () => {
    const { state, fill } = countingFill(ok('x'));
    const { get } = await serve({ fill });
    expect((await get('/other')).status).toBe(418);
    expect((await get('/doc/ptg', {}, 'POST')).status).toBe(418);
    expect(state.calls).toBe(0);
  });

  it('compresses once per fill: br, gzip or plain as the client accepts; ETag answers 304', async () => {
    const body = 'session '.repeat(2_000);
    const { fill } = countingFill(ok(body));
    const { get } = await serve({ fill });
    const br = await get('/doc/ptg', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(body);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    const gzip = await get('/doc/ptg', { 'accept-encoding': 'gzip' });
    expect([gzip.headers['content-encoding'], gunzipSync(gzip.body).toString()]).toEqual(['gzip', body]);
    const plain = await get('/doc/ptg');
    expect([plain.headers['content-encoding'], plain.body.toString()]).toEqual([undefined, body]);
    const again = await get('/doc/ptg', { 'if-none-match': String(br.headers['etag']) });
    expect([again.status, again.body.length]).toEqual([304, 0]);
    const head = await get('/doc/ptg', {}, 'HEAD');
    expect([head.status, head.body.length, Number(head.headers['content-length'])]).toEqual([200, 0, body.length]);
  });

  it('serves a stale entry at once while one refill runs, and the refill replaces it', async () => {
    let t = 0;
    const { state, fill } = countingFill(ok('v1'));
    const { get } = await serve({ fill, now: () => t });
    await get('/doc/ptg');
    state.next = ok('v2');
    t = 1_500; // past fresh (1 s), within usable (10 s)
    const stale = await get('/doc/ptg');
    expect([stale.body.toString(), stale.headers['x-padmeet-cache']]).toEqual(['v1', 'stale']);
    expect(state.calls).toBe(2); // the refill started with the stale answer
    // Until it is done, requests get v1 ('stale', joining that refill); then v2 as a hit.
    await expect.poll(async () => (await get('/doc/ptg')).headers['x-padmeet-cache'], { interval: 5 }).toBe('hit');
    const fresh = await get('/doc/ptg');
    expect([fresh.body.toString(), fresh.headers['x-padmeet-cache']]).toEqual(['v2', 'hit']);
    expect(state.calls).toBe(2);
  });

  it('waits for a refill once an entry is past its usable lifetime', async () => {
    let t = 0;
    const { state, fill } = countingFill(ok('v1'));
    const { get } = await serve({ fill, now: () => t });
    await get('/doc/ptg');
    state.next = ok('v2');
    t = 10_000;
    const reply = await get('/doc/ptg');
    expect([reply.body.toString(), reply.headers['x-padmeet-cache']]).toEqual(['v2', 'miss']);
  });

  it('passes on answers other than a cookie-less 200 without keeping them', async () => {
    const { state, fill } = countingFill({ status: 404, headers: [['content-type', 'application/json']], body: Buffer.from('{"error":"no event"}') });
    const { get, cache } = await serve({ fill });
    const missing = await get('/doc/nope');
    expect([missing.status, missing.body.toString(), missing.headers['x-padmeet-cache']]).toEqual([404, '{"error":"no event"}', 'pass']);
    await get('/doc/nope');
    expect(state.calls).toBe(2);
    state.next = ok('personal', [['set-cookie', 'sid=1']]);
    const withCookie = await get('/doc/ptg');
    expect(withCookie.headers['set-cookie']).toEqual(['sid=1']);
    expect(cache.stats().entries).toBe(0);
  });

  it('keeps serving a usable entry when Next fails, and says 502 when there is none', async () => {
    let t = 0;
    let mode: 'ok' | 'down' | 'error' = 'ok';
    let calls = 0;
    const errors: unknown[] = [];
    const { get } = await serve({
      fill: async () => {
        calls++;
        if (mode === 'down') throw new Error('connect ECONNREFUSED');
        return mode === 'error' ? { status: 500, headers: [], body: Buffer.from('boom') } : ok('v1');
      },
      now: () => t,
      onError: (error) => errors.push(error),
    });
    await get('/doc/ptg');
    mode = 'down';
    t = 2_000; // stale: served, and a refill that fails
    expect((await get('/doc/ptg')).body.toString()).toBe('v1');
    await new Promise((r) => setTimeout(r, 20));
    mode = 'error';
    t = 11_000; // past usable: the refill's 500 is passed on
    expect((await get('/doc/ptg')).status).toBe(500);
    mode = 'down';
    const none = await get('/doc/other');
    expect([none.status, none.body.toString()]).toEqual([502, 'The web app did not answer; try again in a moment.\n']);
    expect(errors).toHaveLength(2);
    expect(calls).toBe(4);
  });

  it('drops an event at once on invalidate, and does not keep a fill that started before the write', async () => {
    const { state, fill } = countingFill(ok('before'));
    const { get, cache } = await serve({ fill });
    await get('/doc/ptg');
    await get('/doc/other');
    cache.invalidate('ptg');
    expect(cache.stats().entries).toBe(1);

    let open!: () => void;
    state.gate = new Promise((r) => (open = r));
    const callsBefore = state.calls;
    const racing = get('/doc/ptg'); // fill in flight with the old data…
    await expect.poll(() => state.calls, { interval: 5 }).toBe(callsBefore + 1);
    cache.invalidate('ptg'); // …when the write lands
    state.next = ok('after');
    open();
    expect((await racing).body.toString()).toBe('after'); // the gate resolved after next changed: same fill
    state.gate = Promise.resolve();
    // The racing fill was not kept: the next request fills again.
    const calls = state.calls;
    expect((await get('/doc/ptg')).body.toString()).toBe('after');
    expect(state.calls).toBe(calls + 1);
  });

  it('holds at most maxEntries entries', async () => {
    const { fill } = countingFill(ok('x'));
    const { get, cache } = await serve({ fill, maxEntries: 2 });
    for (const name of ['a', 'b', 'c']) await get(`/doc/${name}`);
    expect(cache.stats().entries).toBe(2);
  });
});

describe('pickEncoding', () => {
  it('prefers br, then gzip, honours q=0 and *', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('identity')).toBe('identity');
  });

  it("answers with the kept response's own security policy, not one the server set before (a cached page keeps the nonce its scripts carry)", async () => {
    const filled: FilledResponse = { status: 200, headers: [['content-type', 'text/html'], ['content-security-policy', "script-src 'nonce-kept'"]], body: Buffer.from('<script nonce="kept"></script>') };
    let fills = 0;
    const { get } = await serve(
      {
        fill: async (_path, onBehalfOf) => {
          fills++;
          expect(onBehalfOf.url).toBe('/doc/a');
          return filled;
        },
      },
      (res) => res.setHeader('content-security-policy', "script-src 'nonce-fresh'"),
    );
    for (const reply of [await get('/doc/a'), await get('/doc/a')]) {
      expect(reply.headers['content-security-policy']).toBe("script-src 'nonce-kept'");
    }
    expect(fills).toBe(1);
  });
});
