import { parseGroupPadId } from '@padmeet/pad';

/**
 * What the `/pad` proxy does with a request, decided from its method and raw URL alone.
 *
 * An allowlist: only what Etherpad's pad page, timeslider and exports need passes. Etherpad's
 * HTTP API, admin pages and import (and anything else) are refused whatever the spelling:
 * Etherpad's router matches case-insensitively and decodes percent-escapes, so the path is
 * decoded once here, anything that could be read two ways (double encoding, `\`, `//`, dot
 * segments, control characters) is refused, the decoded path is matched case-sensitively, and
 * Etherpad receives the path rebuilt from what matched, never the raw one.
 */
export type PadRoute =
  /** A pad's own page, timeslider or export: served by the pad's process, only with access to the pad. */
  | { kind: 'pad'; padId: string; roomSlug: string; page: 'editor' | 'timeslider' | 'export'; upstreamPath: string }
  /** socket.io (polling or the WebSocket upgrade): served by the process of the pad named in `padId`. */
  | { kind: 'socket'; padId: string; upstreamPath: string }
  /** Etherpad's static files: the same in every process. */
  | { kind: 'static'; upstreamPath: string }
  | { kind: 'refused'; status: 400 | 404 | 405; reason: string };

/** Export formats offered: text, HTML, and Markdown where the Etherpad has it (ep_markdown; 1.8.14 alone answers 404). */
const EXPORT_TYPES = new Set(['txt', 'html', 'markdown']);
const STATIC_PREFIXES = ['static/', 'javascripts/', 'pluginfw/', 'locales/'];
const STATIC_FILES = new Set(['locales.json', 'favicon.ico', 'robots.txt']);
const SAFE_STATIC = /^[A-Za-z0-9._~/-]+$/;
const READ_METHODS = new Set(['GET', 'HEAD']);

function refused(status: 400 | 404 | 405, reason: string): PadRoute {
  return { kind: 'refused', status, reason };
}

/**
 * @param method the request's method
 * @param url the request's raw target (path and query), e.g. `/pad/p/g.x$room?showChat=false`
 * @param prefix where the proxy is mounted, e.g. `/pad`
 */
export function classifyPadRequest(method: string, url: string, prefix = '/pad'): PadRoute {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt);
  if (!rawPath.startsWith(`${prefix}/`)) return refused(404, 'not under the pad prefix');

  let path: string;
  try {
    path = decodeURIComponent(rawPath.slice(prefix.length + 1));
  } catch {
    return refused(400, 'malformed percent-encoding');
  }
  // One decoding only, one reading only.
  if (/[%\\\p{Cc}]/u.test(path)) return refused(400, 'ambiguous characters in the path');
  if (path.startsWith('/') || path.includes('//')) return refused(400, 'empty path segment');
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return refused(400, 'dot segment');

  if (path === 'socket.io/socket.io.js') {
    // socket.io's own browser client, which the pad page loads.
    return READ_METHODS.has(method) ? { kind: 'static', upstreamPath: `/${path}${query}` } : refused(405, 'static files are read-only');
  }
  if (path === 'socket.io/' || path.startsWith('socket.io/')) {
    if (path !== 'socket.io/') return refused(404, 'unknown socket.io path');
    if (method !== 'GET' && method !== 'POST') return refused(405, 'socket.io takes GET and POST');
    const padId = new URLSearchParams(query).get('padId');
    if (!padId || !parseGroupPadId(padId)) return refused(400, 'socket.io connections name their pad (padId)');
    return { kind: 'socket', padId, upstreamPath: `/socket.io/${query}` };
  }

  if (path.startsWith('p/')) {
    const [, padId = '', ...rest] = path.split('/');
    const pad = parseGroupPadId(padId);
    if (!pad) return refused(404, 'not a padmeet pad');
    if (!READ_METHODS.has(method)) return refused(405, 'pads are read through the proxy; edits travel over socket.io');
    const encoded = `/p/${encodeURIComponent(padId)}`;
    if (rest.length === 0) return { kind: 'pad', padId, ...pad, page: 'editor', upstreamPath: `${encoded}${query}` };
    if (rest.length === 1 && rest[0] === 'timeslider') return { kind: 'pad', padId, ...pad, page: 'timeslider', upstreamPath: `${encoded}/timeslider${query}` };
    // /p/<pad>/export/<type> and /p/<pad>/<revision>/export/<type> (the timeslider's "export this revision").
    const [revision, exportWord, type] = rest.length === 2 ? [undefined, ...rest] : rest;
    if ((rest.length === 2 || rest.length === 3) && exportWord === 'export' && type && EXPORT_TYPES.has(type) && (revision === undefined || /^\d{1,9}$/.test(revision))) {
      return { kind: 'pad', padId, ...pad, page: 'export', upstreamPath: `${encoded}${revision ? `/${revision}` : ''}/export/${type}${query}` };
    }
    return refused(404, 'not a pad page, timeslider or text/HTML/Markdown export');
  }

  if (path === 'jserror') {
    // The pad page reports its own JavaScript errors here (a small JSON body).
    return method === 'POST' ? { kind: 'static', upstreamPath: '/jserror' } : refused(405, 'jserror takes POST');
  }
  if (STATIC_FILES.has(path) || (STATIC_PREFIXES.some((p) => path.startsWith(p)) && SAFE_STATIC.test(path))) {
    if (!READ_METHODS.has(method)) return refused(405, 'static files are read-only');
    return { kind: 'static', upstreamPath: `/${path}${query}` };
  }
  return refused(404, 'not something a pad page needs');
}
