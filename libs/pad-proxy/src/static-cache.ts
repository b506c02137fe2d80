import type { IncomingMessage, ServerResponse } from 'node:http';

/** One cached answer of Etherpad for a static file, in one content encoding. */
export interface CachedStatic {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface StaticCacheOptions {
  /** Fetches `path` (with query) from Etherpad, asking for `encoding`. */
  fetch: (path: string, encoding: 'gzip' | 'identity') => Promise<CachedStatic>;
  /** How long an entry is served; default 10 minutes (Etherpad's files change only when it is upgraded). */
  ttlMs?: number;
  /** Entries over this size are passed on, not kept; default 2 MiB. */
  maxEntryBytes?: number;
  now?: () => number;
}

/** Headers never kept: a cookie set on one browser must never reach another. */
const DROPPED = new Set(['set-cookie', 'connection', 'keep-alive', 'transfer-encoding', 'date', 'x-powered-by']);

/**
 * Etherpad's static files (scripts, styles, fonts, translations), kept in the web server's memory.
 * Etherpad 1.8.14 minifies and compresses some of them on every request (100-250 ms each for its
 * style sheets and loader) and its script bundles once per process and URL (1-2 s each), and a pad
 * page loads them one after the other: served from here, a pad opens without waiting for that.
 * Only 200 answers are kept, without their cookies; concurrent misses share one fetch.
 */
export function createStaticCache(options: StaticCacheOptions) {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: CachedStatic; expires: number }>();
  const pending = new Map<string, Promise<CachedStatic>>();

  async function get(path: string, encoding: 'gzip' | 'identity'): Promise<CachedStatic> {
    const key = `${encoding} ${path}`;
    const entry = entries.get(key);
    if (entry && entry.expires > now()) return entry.value;
    let filling = pending.get(key);
    if (!filling) {
      filling = options.fetch(path, encoding).then((fetched) => {
        const headers = Object.fromEntries(Object.entries(fetched.headers).filter(([name]) => !DROPPED.has(name.toLowerCase())));
        const value = { ...fetched, headers };
        if (fetched.status === 200 && fetched.body.length <= maxEntryBytes) entries.set(key, { value, expires: now() + ttlMs });
        return value;
      });
      pending.set(key, filling);
      void filling.finally(() => pending.delete(key)).catch(() => undefined);
    }
    return filling;
  }

  return {
    get,
    /** Answers the request from the cache (fetching on a miss); 304 when the browser has it. */
    async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
      const encoding = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? 'gzip' : 'identity';
      const cached = await get(path, encoding);
      const lastModified = cached.headers['last-modified'];
      if (cached.status === 200 && lastModified && req.headers['if-modified-since'] === lastModified) {
        res.writeHead(304, { 'last-modified': lastModified, ...(cached.headers['cache-control'] ? { 'cache-control': cached.headers['cache-control'] } : {}) });
        res.end();
        return;
      }
      res.writeHead(cached.status, { ...cached.headers, 'content-length': String(cached.body.length), vary: 'Accept-Encoding' });
      res.end(req.method === 'HEAD' ? undefined : cached.body);
    },
    size: () => entries.size,
  };
}

export type StaticCache = ReturnType<typeof createStaticCache>;
