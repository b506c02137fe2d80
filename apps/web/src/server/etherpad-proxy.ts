import 'server-only';
import { webEnv } from './env';

/** Parts of Etherpad browsers never need through padmeet: its HTTP API (key-protected anyway) and admin pages. */
const blocked = /^(api|admin)(\/|$)/;
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-encoding', 'content-length', 'host', 'set-cookie']);

export async function etherpadProxy(request: Request): Promise<Response> {
  const incoming = new URL(request.url);
  // The raw path, trailing slash included: socket.io answers only under /socket.io/.
  const path = incoming.pathname.replace(/^\/pad\/?/, '');
  if (blocked.test(path)) return new Response('Not found', { status: 404 });
  const target = `${webEnv().ETHERPAD_URL}/${path}${incoming.search}`;

  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!hopByHop.has(key)) headers.set(key, value);
  });
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    return new Response('The notes server (Etherpad) is not reachable right now; the video room still works.', {
      status: 502,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const out = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!hopByHop.has(key)) out.set(key, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);
  const location = out.get('location');
  if (location?.startsWith('/')) out.set('location', `/pad${location}`);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}
