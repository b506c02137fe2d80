/**
 * A Cookie header as name → value. Values are percent-decoded where they decode;
 * one that does not (a stray `%` some other site or script left on this domain)
 * is kept as it stands instead of failing the request that carries it.
 */
export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // Not percent-encoding: keep the raw text.
    }
    if (name && !(name in cookies)) cookies[name] = value;
  }
  return cookies;
}
