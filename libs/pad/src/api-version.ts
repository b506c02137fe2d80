/**
 * The newest Etherpad HTTP API version padmeet's calls were checked against: what
 * ep_etherpad-lite 1.8.14 reports, and still served by current Etherpad (which keeps every
 * older version under /api/<version>/). createPad, getText, getHTML, getRevisionsCount and
 * checkToken have the same shape in all of them.
 */
export const NEWEST_KNOWN_API_VERSION = '1.2.15';

/** The version to call: the server's own when older than ours, else the newest we know. */
export function pickApiVersion(serverVersion: string): string {
  return compareVersions(serverVersion, NEWEST_KNOWN_API_VERSION) < 0 ? serverVersion : NEWEST_KNOWN_API_VERSION;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
