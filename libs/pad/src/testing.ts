import { createHash } from 'node:crypto';
import { AppError } from '@padmeet/util';
import { groupPadId, parseGroupPadId, parsePadId } from './pad-id';
import type { PadService } from './pad-service';

export interface FakePadService extends PadService {
  /** Pads by ID with their current text and revision, for assertions. */
  readonly pads: Map<string, { text: string; revision: number }>;
  /** Authors by person key with their name. */
  readonly authors: Map<string, { id: string; name: string | undefined }>;
  /** Sessions by ID. */
  readonly sessions: Map<string, { groupId: string; authorId: string; validUntil: Date }>;
  /** Makes every following call fail like an unreachable Etherpad (until set back to false). */
  setUnavailable(unavailable: boolean): void;
}

const idFrom = (prefix: string, value: string) => `${prefix}.${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;

/** An in-memory PadService for other libs' unit tests (same validation and error codes, one process). */
export function createFakePadService(options: { now?: () => number } = {}): FakePadService {
  const now = options.now ?? Date.now;
  const pads = new Map<string, { text: string; revision: number }>();
  const authors = new Map<string, { id: string; name: string | undefined }>();
  const sessions = new Map<string, { groupId: string; authorId: string; validUntil: Date }>();
  let unavailable = false;
  let sessionCount = 0;

  function check(): void {
    if (unavailable) {
      throw new AppError('UNAVAILABLE', { userMessage: 'The notes server (Etherpad) is not reachable at http://fake-etherpad; the video room still works.' });
    }
  }
  function existing(padId: string) {
    check();
    const pad = pads.get(parseGroupPadId(padId) ? padId : parsePadId(padId));
    if (!pad) throw new AppError('NOT_FOUND', { userMessage: `There are no notes for "${padId}" yet.` });
    return pad;
  }

  return {
    pads,
    authors,
    sessions,
    processCount: 1,
    setUnavailable(value) {
      unavailable = value;
    },
    async createEventGroup(eventId) {
      check();
      return idFrom('g', eventId);
    },
    async ensureRoomPad(room, initialText) {
      check();
      const padId = groupPadId(room.groupId, room.roomSlug);
      if (pads.has(padId)) return { padId, created: false, movedFromPlainPad: false };
      const plain = pads.get(room.roomSlug);
      pads.delete(room.roomSlug);
      pads.set(padId, plain ?? { text: `${initialText ?? ''}\n`, revision: 0 });
      return { padId, created: !plain, movedFromPlainPad: !!plain };
    },
    async ensureAuthor(personKey, name) {
      check();
      const author = { id: idFrom('a', personKey), name: name ?? authors.get(personKey)?.name };
      authors.set(personKey, author);
      return author.id;
    },
    async createSession(groupId, authorId, validUntil) {
      check();
      sessionCount += 1;
      const id = `s.${String(sessionCount).padStart(16, '0')}`;
      sessions.set(id, { groupId, authorId, validUntil });
      return id;
    },
    async retireSessions(sessionIds, groupId) {
      check();
      const retired = sessionIds.filter((id) => {
        const session = sessions.get(id);
        return !session || session.validUntil.getTime() <= now() || session.groupId === groupId;
      });
      for (const id of retired) if (sessions.get(id)?.groupId === groupId) sessions.delete(id);
      return retired;
    },
    async sessionsGrant(sessionIds, padId) {
      check();
      const pad = parseGroupPadId(padId);
      return !!pad && sessionIds.some((id) => {
        const session = sessions.get(id);
        return session?.groupId === pad.groupId && session.validUntil.getTime() > now();
      });
    },
    async appendText(padId, text) {
      const pad = existing(padId);
      pad.text = `${pad.text.replace(/\n$/, '')}${text}\n`;
      pad.revision += 1;
      return pad.revision;
    },
    async getText(padId) {
      return existing(padId).text;
    },
    async getHtml(padId) {
      const escaped = existing(padId).text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return `<!DOCTYPE HTML><html><body>${escaped.split('\n').join('<br>')}</body></html>`;
    },
    async getRevisionsCount(padId) {
      return existing(padId).revision;
    },
    padUrl(padId) {
      return `/pad/p/${parseGroupPadId(padId) ? padId : parsePadId(padId)}`;
    },
    async checkHealth() {
      check();
      return { apiVersion: '1.2.15', callApiVersion: '1.2.15', processes: 1 };
    },
  };
}

export { etherpadApi, etherpadApiReply, TEST_API_VERSION, type EtherpadApiReply } from './testing/etherpad-api';
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
