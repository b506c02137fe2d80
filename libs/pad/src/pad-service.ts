import { z } from 'zod';
import { pickApiVersion } from './api-version';
import { toAppError } from './errors';
import { parseEtherpadUrl } from './etherpad-url';
import { parsePadId } from './pad-id';
import { createHttpTransport, EtherpadCallError, type EtherpadTransport } from './transport';

export interface PadServiceConfig {
  /** Where padmeet's server reaches Etherpad's HTTP API, e.g. http://127.0.0.1:9001 (ETHERPAD_URL). */
  apiUrl: string;
  /** Contents of Etherpad's APIKEY.txt (ETHERPAD_API_KEY). */
  apiKey: string;
  /** Where browsers reach Etherpad, when it differs from apiUrl (ETHERPAD_PUBLIC_URL). */
  publicUrl?: string;
  /** Limit for each request to Etherpad; default 5000 ms. */
  timeoutMs?: number;
}

export interface PadService {
  /**
   * Creates the pad with `initialText` unless it exists. Idempotent and safe to race: a
   * concurrent creation elsewhere counts as success (`created: false`).
   */
  ensurePad(padId: string, initialText?: string): Promise<{ created: boolean }>;
  /** The pad's plain text (Etherpad always ends it with a newline). NOT_FOUND when there is no pad. */
  getText(padId: string): Promise<string>;
  /** The pad rendered as an HTML document. NOT_FOUND when there is no pad. */
  getHtml(padId: string): Promise<string>;
  /** Number of the pad's latest revision (0 for a new pad). NOT_FOUND when there is no pad. */
  getRevisionsCount(padId: string): Promise<number>;
  /** The pad's page for the browser (to embed in an iframe), e.g. http://127.0.0.1:9001/p/<padId>. */
  padUrl(padId: string): string;
  /** Checks the server answers and accepts the API key; `apiVersion` is what the server reports. */
  checkHealth(): Promise<{ apiVersion: string; callApiVersion: string }>;
}

export const DEFAULT_TIMEOUT_MS = 5000;

const textAnswer = z.object({ text: z.string() });
const htmlAnswer = z.object({ html: z.string() });
const revisionsAnswer = z.object({ revisions: z.number().int().nonnegative() });

/**
 * The Etherpad client of padmeet. Every failure is an AppError (UNAVAILABLE when Etherpad is
 * down, slow, refuses the key or answers nonsense; BAD_INPUT for a bad pad ID; NOT_FOUND for a
 * missing pad), and every call settles within `timeoutMs` per request.
 * `transport` replaces the HTTP wire in unit tests.
 */
export function createPadService(config: PadServiceConfig, transport?: EtherpadTransport): PadService {
  const location = parseEtherpadUrl(config.apiUrl, 'apiUrl');
  const publicBase = config.publicUrl ? parseEtherpadUrl(config.publicUrl, 'publicUrl').baseUrl : location.baseUrl;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
  if (!config.apiKey.trim()) throw new RangeError('apiKey must not be empty');
  const wire = transport ?? createHttpTransport({ location, apiKey: config.apiKey.trim(), timeoutMs });

  let apiVersion: Promise<string> | undefined;
  const ensuring = new Map<string, Promise<{ created: boolean }>>();

  function fail(error: unknown, functionName: string, padId?: string): never {
    throw toAppError(error, { baseUrl: location.baseUrl, timeoutMs, functionName, padId });
  }

  /** The API version to call, asked of the server once (asked again after a failure). */
  function callVersion(): Promise<string> {
    apiVersion ??= wire.getApiVersion().then(pickApiVersion, (error: unknown) => {
      apiVersion = undefined;
      throw error;
    });
    return apiVersion;
  }

  async function call(functionName: string, args: Record<string, string>, padId?: string): Promise<unknown> {
    try {
      return await wire.call(await callVersion(), functionName, args);
    } catch (error) {
      fail(error, functionName, padId);
    }
  }

  async function read<T>(functionName: string, padId: string, schema: z.ZodType<T>): Promise<T> {
    const id = parsePadId(padId);
    const answer = schema.safeParse(await call(functionName, { padID: id }, id));
    if (!answer.success) {
      fail(new EtherpadCallError({ kind: 'bad-response', detail: `${functionName}: unexpected data` }), functionName, id);
    }
    return answer.data;
  }

  async function createPad(id: string, initialText: string | undefined): Promise<{ created: boolean }> {
    const args: Record<string, string> = { padID: id };
    if (initialText !== undefined) args.text = initialText;
    try {
      await wire.call(await callVersion(), 'createPad', args);
      return { created: true };
    } catch (error) {
      const failure = error instanceof EtherpadCallError ? error.failure : undefined;
      if (failure?.kind === 'api' && failure.code === 1 && /already exist/i.test(failure.message)) {
        return { created: false };
      }
      fail(error, 'createPad', id);
    }
  }

  return {
    ensurePad(padId, initialText) {
      let id: string;
      try {
        id = parsePadId(padId);
      } catch (error) {
        return Promise.reject(error);
      }
      // Concurrent calls in this process share one request; other processes are covered by
      // treating "padID does already exist" as success.
      let pending = ensuring.get(id);
      if (!pending) {
        pending = createPad(id, initialText).finally(() => ensuring.delete(id));
        ensuring.set(id, pending);
      }
      return pending;
    },
    async getText(padId) {
      return (await read('getText', padId, textAnswer)).text;
    },
    async getHtml(padId) {
      return (await read('getHTML', padId, htmlAnswer)).html;
    },
    async getRevisionsCount(padId) {
      return (await read('getRevisionsCount', padId, revisionsAnswer)).revisions;
    },
    padUrl(padId) {
      return `${publicBase}/p/${encodeURIComponent(parsePadId(padId))}`;
    },
    async checkHealth() {
      let serverVersion: string;
      try {
        serverVersion = await wire.getApiVersion();
      } catch (error) {
        fail(error, 'api');
      }
      const version = pickApiVersion(serverVersion);
      apiVersion = Promise.resolve(version);
      await call('checkToken', {});
      return { apiVersion: serverVersion, callApiVersion: version };
    },
  };
}
