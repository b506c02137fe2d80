// The package ships no types; this reference makes them travel with this file into every
// program that imports @padmeet/pad (an import cannot name a declaration-only file).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./etherpad-lite-client.d.ts" />
import etherpadLite from 'etherpad-lite-client';
import type { EtherpadLocation } from './etherpad-url';

/** Why a call to Etherpad failed, before it becomes an AppError (see errors.ts). */
export type EtherpadFailure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'bad-response'; detail: string }
  | { kind: 'api'; code: number; message: string };

export class EtherpadCallError extends Error {
  constructor(readonly failure: EtherpadFailure) {
    super(describeFailure(failure));
    this.name = 'EtherpadCallError';
  }
}

function describeFailure(failure: EtherpadFailure): string {
  switch (failure.kind) {
    case 'unreachable':
    case 'bad-response':
      return `${failure.kind}: ${failure.detail}`;
    case 'timeout':
      return 'timeout';
    case 'api':
      return `api error ${failure.code}: ${failure.message}`;
  }
}

/**
 * The wire to one Etherpad. Both methods reject only with EtherpadCallError and always settle
 * (each has its own time limit). Unit tests substitute a hand-written fake.
 */
export interface EtherpadTransport {
  /** GET <base>/api: the newest HTTP API version the server offers, e.g. "1.2.15". */
  getApiVersion(): Promise<string>;
  /** Calls one HTTP API function; resolves with the answer's `data` (or the whole answer when it has none). */
  call(apiVersion: string, functionName: string, args: Record<string, string>): Promise<unknown>;
}

export interface TransportOptions {
  location: EtherpadLocation;
  apiKey: string;
  timeoutMs: number;
}

/** The real transport: etherpad-lite-client for API calls (kept behind this lib), fetch for the version probe. */
export function createHttpTransport({ location, apiKey, timeoutMs }: TransportOptions): EtherpadTransport {
  return {
    async getApiVersion() {
      let response: globalThis.Response;
      try {
        response = await fetch(`${location.baseUrl}/api`, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new EtherpadCallError(fetchFailure(error));
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        if (isTimeout(error)) throw new EtherpadCallError({ kind: 'timeout' });
        throw new EtherpadCallError({ kind: 'bad-response', detail: `GET /api: HTTP ${response.status}, not JSON` });
      }
      const version = (body as { currentVersion?: unknown } | null)?.currentVersion;
      if (!response.ok || typeof version !== 'string' || !/^\d+(\.\d+)*$/.test(version)) {
        throw new EtherpadCallError({
          kind: 'bad-response',
          detail: `GET /api: HTTP ${response.status}, no currentVersion`,
        });
      }
      return version;
    },

    call(apiVersion, functionName, args) {
      return new Promise((resolve, reject) => {
        const controller = new AbortController();
        let settled = false;
        const timer = setTimeout(() => {
          settle(() => reject(new EtherpadCallError({ kind: 'timeout' })));
          controller.abort();
        }, timeoutMs);
        function settle(action: () => void) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          action();
        }
        // A fresh client per call: etherpad-lite-client keeps its http/https choice in a module
        // variable set by connect() and mutates its options per call, so sharing one is unsafe.
        const api = etherpadLite.connect({
          apikey: apiKey,
          host: location.hostname,
          port: location.port,
          ssl: location.protocol === 'https:',
          rootPath: `${location.basePath}/api/${apiVersion}/`,
          signal: controller.signal,
        });
        api.call(functionName, args, (error, data) => {
          settle(() => {
            if (!error) resolve(data);
            else if (error.code === -1 && /cannot parse/i.test(error.message))
              reject(new EtherpadCallError({ kind: 'bad-response', detail: `${functionName}: answer is not JSON` }));
            else if (error.code === -1 || typeof error.code !== 'number')
              reject(new EtherpadCallError({ kind: 'unreachable', detail: String(error.message) }));
            else reject(new EtherpadCallError({ kind: 'api', code: error.code, message: String(error.message) }));
          });
        });
      });
    },
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function fetchFailure(error: unknown): EtherpadFailure {
  if (isTimeout(error)) return { kind: 'timeout' };
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return { kind: 'unreachable', detail };
}
