import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * A micro-cache in front of Next for the public read paths that every visitor
 * gets byte for byte the same (the schedule page, now/next as JSON): hundreds of
 * people open the schedule when a session starts, and Next's request pipeline
 * costs about a millisecond of CPU per request even for a trivial route, so one
 * process tops out near a thousand requests/s. Here a hit is a Map lookup and a
 * write of bytes compressed once per fill.
 *
 * - A rule decides which requests it serves (by path, method, headers) and under
 *   which key; everything else goes to Next untouched.
 * - A miss asks Next once (`fill`, one request in flight per key however many
 *   wait), and only a 200 without cookies is kept. Other answers (404, 500) are
 *   passed on to whoever waited, not kept.
 * - An entry is fresh for `freshMs`; after that it is still served while one
 *   refill runs in the background (stale-while-revalidate), up to `maxMs`.
 * - `invalidate(tag)` drops an event's entries at once (a write in this process).
 */
export interface FilledResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface CacheRule {
  name: string;
  /** The key and tag (the event) of a request this rule serves, with the path Next is asked for; null: not this rule's. */
  match(method: string, url: URL, headers: IncomingHttpHeaders): { key: string; tag: string; fillPath: string } | null;
  /** For how long a filled 200 may be served: fresh (no refill) and at most (stale, refill running). */
  lifetime(response: FilledResponse, now: number): { freshMs: number; maxMs: number };
  /** Sent with this rule's kept responses instead of Next's Cache-Control (which marks a page rendered per request private, no-store). */
  cacheControl?: string;
}

export interface ResponseCacheOptions {
  rules: CacheRule[];
  /** Asks Next for `path`; `on behalf of` is the request that caused the fill (its client's address is passed on, for Next's rate limits). */
  fill: (path: string, onBehalfOf: IncomingMessage) => Promise<FilledResponse>;
  now?: () => number;
  /** At most this many entries (oldest dropped first); keys come from rules, so this only bounds memory. */
  maxEntries?: number;
  onError?: (error: unknown, key: string) => void;
}

interface Entry {
  tag: string;
  status: number;
  headers: Array<[string, string]>;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  freshUntil: number;
  usableUntil: number;
}

export interface ResponseCache {
  /** Serves the request when a rule covers it (and returns true); false: the caller passes it on. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  invalidate(tag: string): void;
  stats(): { hits: number; stale: number; misses: number; entries: number };
}

/** Headers that describe one connection or one encoding of the body, not the resource. */
const NOT_KEPT = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date', 'vary', 'etag']);

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 256;
  const entries = new Map<string, Entry>();
  const filling = new Map<string, { tag: string; result: Promise<Entry | FilledResponse> }>();
  // Bumped by invalidate(tag): a fill that started before the write is answered but not kept.
  const generations = new Map<string, number>();
  const counts = { hits: 0, stale: 0, misses: 0 };

  function store(rule: CacheRule, key: string, tag: string, filled: FilledResponse): Entry | FilledResponse {
    if (filled.status !== 200 || filled.headers.some(([name]) => name === 'set-cookie')) return filled;
    const at = now();
    const { freshMs, maxMs } = rule.lifetime(filled, at);
    const kept = filled.headers.filter(([name]) => !NOT_KEPT.has(name));
    const entry: Entry = {
      tag,
      status: 200,
      headers: rule.cacheControl ? [...kept.filter(([name]) => name !== 'cache-control'), ['cache-control', rule.cacheControl]] : kept,
      identity: filled.body,
      gzip: gzipSync(filled.body, { level: 6 }),
      br: brotliCompressSync(filled.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: filled.body.length } }),
      etag: `"${createHash('sha1').update(filled.body).digest('base64url')}"`,
      freshUntil: at + Math.max(0, freshMs),
      usableUntil: at + Math.max(0, maxMs),
    };
    if (entry.usableUntil <= at) return filled;
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return entry;
  }

  /** One fill per key in flight; a failed fill keeps a still-usable entry rather than answering with the error. */
  function refill(rule: CacheRule, key: string, tag: string, fillPath: string, onBehalfOf: IncomingMessage): Promise<Entry | FilledResponse> {
    const running = filling.get(key);
    if (running) return running.result;
    const generation = generations.get(tag) ?? 0;
    const started = options
      .fill(fillPath, onBehalfOf)
      .then(
        (filled) => {
          const current = entries.get(key);
          if (filled.status >= 500 && current && now() < current.usableUntil) return current;
          if ((generations.get(tag) ?? 0) !== generation) return filled;
          return store(rule, key, tag, filled);
        },
        (error: unknown) => {
          options.onError?.(error, key);
          const current = entries.get(key);
          if (current && now() < current.usableUntil) return current;
          return { status: 502, headers: [['content-type', 'text/plain; charset=utf-8']], body: Buffer.from('The web app did not answer; try again in a moment.\n') } satisfies FilledResponse;
        },
      )
      .finally(() => {
        if (filling.get(key)?.result === started) filling.delete(key);
      });
    filling.set(key, { tag, result: started });
    return started;
  }

  return {
    handle(req, res) {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') return false;
      const url = new URL(req.url ?? '/', 'http://cache.invalid');
      let matched: { rule: CacheRule; key: string; tag: string; fillPath: string } | null = null;
      for (const rule of options.rules) {
        const m = rule.match(method, url, req.headers);
        if (m) {
          matched = { ...m, rule, key: `${rule.name}:${m.key}` };
          break;
        }
      }
      if (!matched) return false;
      const { rule, key, tag, fillPath } = matched;
      const entry = entries.get(key);
      const at = now();
      if (entry && at < entry.usableUntil) {
        if (at >= entry.freshUntil) {
          counts.stale++;
          void refill(rule, key, tag, fillPath, req);
          send(req, res, entry, 'stale');
        } else {
          counts.hits++;
          send(req, res, entry, 'hit');
        }
        return true;
      }
      counts.misses++;
      refill(rule, key, tag, fillPath, req).then(
        (result) => send(req, res, result, 'miss'),
        () => {
          // refill never rejects; this is only a guard so a request cannot hang.
          res.statusCode = 502;
          res.end();
        },
      );
      return true;
    },
    invalidate(tag) {
      generations.set(tag, (generations.get(tag) ?? 0) + 1);
      for (const [key, entry] of entries) if (entry.tag === tag) entries.delete(key);
      for (const [key, running] of filling) if (running.tag === tag) filling.delete(key);
    },
    stats: () => ({ ...counts, entries: entries.size }),
  };
}

function isEntry(value: Entry | FilledResponse): value is Entry {
  return 'etag' in value;
}

function send(req: IncomingMessage, res: ServerResponse, result: Entry | FilledResponse, state: 'hit' | 'stale' | 'miss') {
  if (res.headersSent || res.destroyed) return;
  // Set, not appended: what the server set before (its security headers) gives way to the kept
  // response's own, so a cached page carries the policy whose nonce its scripts have.
  const byName = new Map<string, string[]>();
  for (const [name, value] of result.headers) if (!NOT_KEPT.has(name)) byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const [name, values] of byName) res.setHeader(name, values.length === 1 ? values[0]! : values);
  res.setHeader('x-padmeet-cache', isEntry(result) ? state : 'pass');
  if (!isEntry(result)) {
    res.statusCode = result.status;
    res.setHeader('content-length', result.body.length);
    res.end(req.method === 'HEAD' ? undefined : result.body);
    return;
  }
  res.setHeader('etag', result.etag);
  res.setHeader('vary', 'Accept-Encoding');
  if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(result.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const body = encoding === 'br' ? result.br : encoding === 'gzip' ? result.gzip : result.identity;
  if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
  res.statusCode = result.status;
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** br if the client takes it, else gzip, else the plain body (q=0 refuses a coding). */
export function pickEncoding(header: string | string[] | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}
