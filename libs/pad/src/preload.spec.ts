import { describe, expect, it } from 'vitest';
import { preloadPadFiles } from './preload';

/** A fetch that answers from a table (path → status and body) and records what was asked. */
function fakeFetch(table: Record<string, { status: number; body: unknown } | Error>) {
  const asked: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const entry = table[url];
    if (entry instanceof Error) throw entry;
    if (!entry) return new Response('not found', { status: 404 });
    return new Response(typeof entry.body === 'string' ? entry.body : JSON.stringify(entry.body), { status: entry.status });
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

describe('preloadPadFiles', () => {
  it('loads every file the list names, under the prefix', async () => {
    const { fetch, asked } = fakeFetch({
      '/pad/padmeet-files.json': { status: 200, body: { files: ['static/css/pad.css?v=1', 'javascripts/lib/ep_etherpad-lite/static/js/pad.js?callback=require.define&v=1'] } },
      '/pad/static/css/pad.css?v=1': { status: 200, body: 'css' },
      '/pad/javascripts/lib/ep_etherpad-lite/static/js/pad.js?callback=require.define&v=1': { status: 200, body: 'js' },
    });
    await expect(preloadPadFiles({ fetch })).resolves.toEqual({ loaded: 2, failed: [] });
    expect(asked.sort()).toEqual(['/pad/javascripts/lib/ep_etherpad-lite/static/js/pad.js?callback=require.define&v=1', '/pad/padmeet-files.json', '/pad/static/css/pad.css?v=1']);
  });

  it('keeps at most two files in flight by default, each at low priority (the page\'s own requests go first)', async () => {
    const files = ['a.js', 'b.js', 'c.js', 'd.js', 'e.js'];
    let inFlight = 0;
    let most = 0;
    const priorities: Array<string | undefined> = [];
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith('padmeet-files.json')) return new Response(JSON.stringify({ files }));
      priorities.push((init as { priority?: string } | undefined)?.priority);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return new Response('x');
    }) as typeof globalThis.fetch;
    await expect(preloadPadFiles({ fetch })).resolves.toEqual({ loaded: files.length, failed: [] });
    expect(most).toBe(2);
    expect(priorities).toEqual(files.map(() => 'low'));
  });

  it('reports files that failed and goes on with the others', async () => {
    const { fetch } = fakeFetch({
      '/notes/padmeet-files.json': { status: 200, body: { files: ['a.js', 'b.js', 'c.js'] } },
      '/notes/a.js': { status: 200, body: 'a' },
      '/notes/b.js': new Error('network down'),
    });
    const result = await preloadPadFiles({ fetch, prefix: '/notes/', concurrency: 1 });
    expect(result.loaded).toBe(1);
    expect(result.failed).toEqual(['b.js: network down', 'c.js: HTTP 404']);
  });

  it('never rejects when the list is missing or not a list, and loads nothing then', async () => {
    const missing = fakeFetch({});
    await expect(preloadPadFiles({ fetch: missing.fetch })).resolves.toEqual({ loaded: 0, failed: ['padmeet-files.json: HTTP 404'] });
    const down = fakeFetch({ '/pad/padmeet-files.json': new Error('offline') });
    await expect(preloadPadFiles({ fetch: down.fetch })).resolves.toEqual({ loaded: 0, failed: ['padmeet-files.json: offline'] });
    for (const body of [{ files: 'x' }, { files: ['../api/1/createPad'] }, { files: ['https://elsewhere.example/x.js'] }, { files: ['/absolute.js'] }, 'not json']) {
      const odd = fakeFetch({ '/pad/padmeet-files.json': { status: 200, body } });
      const result = await preloadPadFiles({ fetch: odd.fetch });
      expect(result.loaded).toBe(0);
      expect(odd.asked).toEqual(['/pad/padmeet-files.json']);
    }
  });
});
