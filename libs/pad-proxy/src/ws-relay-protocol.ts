/** What the web server sends a relay process with each socket (ws-relay.ts → ws-relay-child.ts). */
export interface HandOff {
  type: 'ws';
  method: string;
  /** The browser's request target (kept for logs; the upstream path is in `target`). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes read past the upgrade request, base64. */
  head: string;
  /** The Etherpad URL (process and path) this socket goes to. */
  target: string;
}

/** What a relay process tells the web server. */
export type RelayReport = { type: 'open'; count: number } | { type: 'error'; message: string; url: string };

export function isHandOff(message: unknown): message is HandOff {
  if (!message || typeof message !== 'object') return false;
  const m = message as Partial<HandOff>;
  return m.type === 'ws' && typeof m.method === 'string' && typeof m.url === 'string' && typeof m.head === 'string' && typeof m.target === 'string' && !!m.headers && typeof m.headers === 'object';
}

export function isRelayReport(message: unknown): message is RelayReport {
  if (!message || typeof message !== 'object') return false;
  const m = message as Partial<RelayReport> & { count?: unknown; message?: unknown };
  return (m.type === 'open' && typeof m.count === 'number') || (m.type === 'error' && typeof m.message === 'string');
}
