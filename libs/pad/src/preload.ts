/**
 * Browser side, no server code: warms the browser's HTTP cache with the files Etherpad's pad page
 * loads (its scripts and style sheets, and those of the editor's nested frames), so that the pad's
 * iframe, once the room page opens it, takes them from the cache instead of loading them one after
 * the other. Etherpad serves them with a long max-age and a version in the URL (`?v=`).
 *
 * The list comes from padmeet's web server (libs/pad-proxy answers `<prefix>/padmeet-files.json`
 * with what each Etherpad process's pad page loads). Call it while the pre-join shows:
 *
 *   import { preloadPadFiles } from '@padmeet/pad/preload';
 *   useEffect(() => void preloadPadFiles(), []);
 *
 * Never rejects: a file that could not be loaded is loaded by the pad page itself later.
 */
export const PAD_FILES_PATH = 'padmeet-files.json';

export interface PreloadPadFilesOptions {
  /**
   * Where padmeet's web server mounts the pad proxy; default `/pad`. On the pad's own origin,
   * e.g. `http://localhost:3003/pad`: that listener lets the app's origin read it with the person's
   * cookies, as the pad page's own requests go, so the pad page finds the very entries in the cache.
   */
  prefix?: string;
  /** For tests; default the browser's fetch. */
  fetch?: typeof fetch;
  /**
   * Files loaded at once; default 2. Over plain HTTP/1.1 a browser opens at most 6 connections
   * to one host, and the page's own requests (the join, the notes, its event streams) must not
   * queue behind the preload.
   */
  concurrency?: number;
}

export interface PreloadPadFilesResult {
  /** Files now in the browser's cache. */
  loaded: number;
  /** Files (or the list itself) that could not be loaded, with why. */
  failed: string[];
}

/** `{ files: string[] }`, each a path under the prefix; anything else is not a list. */
function parseList(body: unknown): string[] | undefined {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { files?: unknown }).files)) return undefined;
  const files = (body as { files: unknown[] }).files;
  // Paths below the prefix only: never another origin or a path that climbs out of it.
  return files.every((f) => typeof f === 'string' && !f.includes('..') && !f.startsWith('/') && !f.includes('://')) ? (files as string[]) : undefined;
}

export async function preloadPadFiles(options: PreloadPadFilesOptions = {}): Promise<PreloadPadFilesResult> {
  const prefix = (options.prefix ?? '/pad').replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const result: PreloadPadFilesResult = { loaded: 0, failed: [] };
  let files: string[] | undefined;
  try {
    const response = await doFetch(`${prefix}/${PAD_FILES_PATH}`, { credentials: 'include' });
    files = response.ok ? parseList(await response.json()) : undefined;
    if (!files) result.failed.push(`${PAD_FILES_PATH}: ${response.ok ? 'not a list of files' : `HTTP ${response.status}`}`);
  } catch (error) {
    result.failed.push(`${PAD_FILES_PATH}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!files) return result;
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      try {
        // Low priority: whatever the page asks for meanwhile gets the next free connection first.
        // (`priority` is in browsers' fetch, not in every TypeScript lib's RequestInit.)
        const init: RequestInit & { priority?: 'high' | 'low' | 'auto' } = { credentials: 'include', priority: 'low' };
        const response = await doFetch(`${prefix}/${file}`, init);
        // Read to the end: only a complete response is kept in the cache.
        await response.arrayBuffer();
        if (response.ok) result.loaded += 1;
        else result.failed.push(`${file}: HTTP ${response.status}`);
      } catch (error) {
        result.failed.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return result;
}
