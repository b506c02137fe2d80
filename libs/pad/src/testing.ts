import { AppError } from '@padmeet/util';
import { parseEtherpadUrl } from './etherpad-url';
import { parsePadId } from './pad-id';
import type { PadService } from './pad-service';

export interface FakePadService extends PadService {
  /** Pads by ID with their current text, for assertions. */
  readonly pads: Map<string, string>;
  /** Makes every following call fail like an unreachable Etherpad (until set back to false). */
  setUnavailable(unavailable: boolean): void;
}

/** An in-memory PadService for other libs' unit tests (same validation and error codes). */
export function createFakePadService(options: { publicUrl?: string } = {}): FakePadService {
  const base = parseEtherpadUrl(options.publicUrl ?? 'http://127.0.0.1:9001', 'publicUrl').baseUrl;
  const pads = new Map<string, string>();
  let unavailable = false;

  function existing(padId: string): string {
    const id = parsePadId(padId);
    if (unavailable) throw unavailableError();
    const text = pads.get(id);
    if (text === undefined) throw new AppError('NOT_FOUND', { userMessage: `There are no notes for "${id}" yet.` });
    return text;
  }
  function unavailableError() {
    return new AppError('UNAVAILABLE', {
      userMessage: `The notes server (Etherpad) is not reachable at ${base}; the video room still works.`,
    });
  }

  return {
    pads,
    setUnavailable(value) {
      unavailable = value;
    },
    async ensurePad(padId, initialText) {
      const id = parsePadId(padId);
      if (unavailable) throw unavailableError();
      if (pads.has(id)) return { created: false };
      pads.set(id, `${initialText ?? ''}\n`);
      return { created: true };
    },
    async getText(padId) {
      return existing(padId);
    },
    async getHtml(padId) {
      const text = existing(padId);
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return `<!DOCTYPE HTML><html><body>${escaped.split('\n').join('<br>')}</body></html>`;
    },
    async getRevisionsCount(padId) {
      existing(padId);
      return 0;
    },
    padUrl(padId) {
      return `${base}/p/${parsePadId(padId)}`;
    },
    async checkHealth() {
      if (unavailable) throw unavailableError();
      return { apiVersion: '1.2.15', callApiVersion: '1.2.15' };
    },
  };
}

export {
  connectEtherpadSocket,
  EtherpadSocketError,
  insertedText,
  type EtherpadChange,
  type EtherpadChangesetInfo,
  type EtherpadCommit,
  type EtherpadSocket,
  type EtherpadSocketErrorKind,
  type EtherpadSocketEvents,
  type EtherpadSocketOptions,
  type EtherpadTransportName,
} from './testing/etherpad-socket';
/** Etherpad changeset operations (text-level) used by the socket client, for tests that build their own messages. */
export * as etherpadChangeset from './testing/changeset';
