import { AppError } from '@padmeet/util';

/** Where an Etherpad answers: its origin plus an optional path prefix (behind a reverse proxy). */
export interface EtherpadLocation {
  protocol: 'http:' | 'https:';
  /** Without IPv6 brackets, as Node's http module wants it. */
  hostname: string;
  port: number;
  /** '' or a prefix such as '/etherpad' (no trailing slash). */
  basePath: string;
  /** Normalised base URL without trailing slash, e.g. http://127.0.0.1:9001 or https://notes.example.org/etherpad */
  baseUrl: string;
}

/** Parses an Etherpad base URL (one entry of ETHERPAD_URL); throws BAD_INPUT naming `field`. */
export function parseEtherpadUrl(raw: string, field = 'apiUrl'): EtherpadLocation {
  const invalid = (why: string) =>
    new AppError('BAD_INPUT', {
      field,
      userMessage: `The Etherpad URL "${raw}" is not valid: ${why} (expected e.g. http://127.0.0.1:9001).`,
    });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid('it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('use http:// or https://');
  if (url.username || url.password) throw invalid('credentials in the URL are not supported');
  if (url.search || url.hash) throw invalid('no query string or fragment');
  const protocol = url.protocol;
  const port = url.port ? Number(url.port) : protocol === 'https:' ? 443 : 80;
  const basePath = url.pathname.replace(/\/+$/, '');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { protocol, hostname, port, basePath, baseUrl: `${url.origin}${basePath}` };
}
