import { z } from 'zod';
import { pickApiVersion } from './api-version';
import { toAppError } from './errors';
import { parseEtherpadUrl, type EtherpadLocation } from './etherpad-url';
import { groupPadId, isGroupId, parseGroupPadId, parsePadId } from './pad-id';
import { padProcessIndex } from './pad-process';
import { PAD_SESSION_ID } from './session-cookie';
import { createHttpTransport, EtherpadCallError, type EtherpadTransport } from './transport';

export interface PadServiceConfig {
  /**
   * Where padmeet's server reaches each Etherpad process's HTTP API (ETHERPAD_URL, a
   * comma-separated list), e.g. ['http://127.0.0.1:9001', 'http://127.0.0.1:9002']. All share
   * one database; the order decides which process serves which pad (padProcessIndex).
   */
  apiUrls: string[];
  /** Contents of Etherpad's APIKEY.txt (ETHERPAD_API_KEY), the same for every process. */
  apiKey: string;
  /** Where browsers reach Etherpad on padmeet's origin; default `/pad` (the web server's proxy). */
  browserPath?: string;
  /** Limit for each request to Etherpad; default 5000 ms. */
  timeoutMs?: number;
}

/** A room's pad: the group pad named after the room in its event's Etherpad group. */
export interface RoomPadRef {
  groupId: string;
  roomSlug: string;
}

export interface PadService {
  /** How many Etherpad processes share the pads. */
  readonly processCount: number;
  /**
   * An Etherpad group for the event (createGroupIfNotExistsFor). Etherpad's mapping is not safe
   * against concurrent first calls (each may make its own group), so padmeet keeps the one that
   * counts in PostgreSQL (event.pad_group_id, first writer wins) and asks here only while unset.
   */
  createEventGroup(eventId: string): Promise<string>;
  /**
   * The room's group pad, created with `initialText` when missing. A plain pad named after the
   * room (made before padmeet used group pads) is first moved into it with its whole history.
   * Idempotent and safe to race (here and in other padmeet processes).
   */
  ensureRoomPad(room: RoomPadRef, initialText?: string): Promise<{ padId: string; created: boolean; movedFromPlainPad: boolean }>;
  /**
   * The Etherpad author of a person (`personKey` is stable: the account or the guest), named
   * `name`; without `name` the author keeps the name it has (none when new).
   */
  ensureAuthor(personKey: string, name?: string): Promise<string>;
  /** An Etherpad session that lets `authorId` open the pads of the group (the event's rooms) until `validUntil`. */
  createSession(groupId: string, authorId: string, validUntil: Date): Promise<string>;
  /**
   * Retires a person's earlier passes before a renewal: deletes those of `sessionIds` that belong
   * to `groupId` (live or ended) and resolves with the IDs the caller drops from the cookie: those
   * deleted, and those that no longer exist or have ended. Live passes to other events stay.
   * Etherpad 1.8.14 keeps every session of a group in one record rewritten on each createSession,
   * and never removes an ended one, so without this the record would grow with every renewal of
   * every person for the whole event. Already open pads stay open (Etherpad checks sessions when
   * a pad connects).
   */
  retireSessions(sessionIds: readonly string[], groupId: string): Promise<string[]>;
  /** Whether any of these Etherpad sessions opens this pad now (group matches, not expired). */
  sessionsGrant(sessionIds: readonly string[], padId: string): Promise<boolean>;
  /** Appends text at the end of the pad; resolves with the pad's revision after the append. */
  appendText(padId: string, text: string): Promise<number>;
  /** The pad's plain text (Etherpad always ends it with a newline). NOT_FOUND when there is no pad. */
  getText(padId: string): Promise<string>;
  /** The pad rendered as an HTML document. NOT_FOUND when there is no pad. */
  getHtml(padId: string): Promise<string>;
  /** Number of the pad's latest revision (0 for a new pad). NOT_FOUND when there is no pad. */
  getRevisionsCount(padId: string): Promise<number>;
  /** The pad's page for the browser, on padmeet's origin, e.g. /pad/p/g.x$zuul-planning. */
  padUrl(padId: string): string;
  /** Checks every process answers and accepts the API key; `apiVersion` is what the first reports. */
  checkHealth(): Promise<{ apiVersion: string; callApiVersion: string; processes: number }>;
}

export const DEFAULT_TIMEOUT_MS = 5000;

const textAnswer = z.object({ text: z.string() });
const htmlAnswer = z.object({ html: z.string() });
const revisionsAnswer = z.object({ revisions: z.number().int().nonnegative() });
const groupAnswer = z.object({ groupID: z.string().refine(isGroupId) });
const authorAnswer = z.object({ authorID: z.string().regex(/^a\.[A-Za-z0-9]{16}$/) });
const sessionAnswer = z.object({ sessionID: z.string().regex(PAD_SESSION_ID) });
const sessionInfoAnswer = z.object({ groupID: z.string(), authorID: z.string(), validUntil: z.coerce.number() });

/** The group of an event: one per event, found again from its mapper by every process. */
const groupMapper = (eventId: string) => `padmeet-event:${eventId}`;

/** A pad ID padmeet may name: a room's group pad, or (to move it) an old plain pad named after a room. */
function checkPadId(padId: string): string {
  return parseGroupPadId(padId) ? padId : parsePadId(padId);
}

/**
 * The Etherpad client of padmeet. Every failure is an AppError (UNAVAILABLE when Etherpad is
 * down, slow, refuses the key or answers nonsense; BAD_INPUT for a bad pad ID; NOT_FOUND for a
 * missing pad), and every call settles within `timeoutMs` per request.
 *
 * Calls about a pad go to the process that serves it (the one the `/pad` proxy sends its
 * browsers to): a pad must live in one process's memory only. Groups, authors and sessions go
 * to the first process; they are read from the shared database by all (the project's Etherpad
 * caches only pad records per process, see infra/etherpad).
 * `transports` replace the HTTP wire in unit tests, one per process.
 */
export function createPadService(config: PadServiceConfig, transports?: EtherpadTransport[]): PadService {
  if (config.apiUrls.length === 0) throw new RangeError('apiUrls must name at least one Etherpad');
  const locations: EtherpadLocation[] = config.apiUrls.map((url) => parseEtherpadUrl(url, 'apiUrl'));
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
  if (!config.apiKey.trim()) throw new RangeError('apiKey must not be empty');
  const wires = transports ?? locations.map((location) => createHttpTransport({ location, apiKey: config.apiKey.trim(), timeoutMs }));
  if (wires.length !== locations.length) throw new RangeError('one transport per Etherpad process');
  const browserPath = (config.browserPath ?? '/pad').replace(/\/+$/, '');

  let apiVersion: Promise<string> | undefined;
  const roomPads = new Map<string, Promise<{ padId: string; created: boolean; movedFromPlainPad: boolean }>>();

  const processOf = (padId: string) => padProcessIndex(padId, wires.length);

  function fail(error: unknown, functionName: string, process: number, padId?: string): never {
    throw toAppError(error, { baseUrl: locations[process]!.baseUrl, timeoutMs, functionName, padId });
  }

  /** The API version to call, asked of the first process once (asked again after a failure). */
  function callVersion(): Promise<string> {
    apiVersion ??= wires[0]!.getApiVersion().then(pickApiVersion, (error: unknown) => {
      apiVersion = undefined;
      throw error;
    });
    return apiVersion;
  }

  /** A raw call: rejects with EtherpadCallError (for callers that handle API answers themselves). */
  async function rawCall(process: number, functionName: string, args: Record<string, string>): Promise<unknown> {
    return wires[process]!.call(await callVersion(), functionName, args);
  }

  async function call<T>(process: number, functionName: string, args: Record<string, string>, schema: z.ZodType<T>, padId?: string): Promise<T> {
    let answer: unknown;
    try {
      answer = await rawCall(process, functionName, args);
    } catch (error) {
      fail(error, functionName, process, padId);
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) fail(new EtherpadCallError({ kind: 'bad-response', detail: `${functionName}: unexpected data` }), functionName, process, padId);
    return parsed.data;
  }

  async function read<T>(functionName: string, padId: string, schema: z.ZodType<T>): Promise<T> {
    const id = checkPadId(padId);
    return call(processOf(id), functionName, { padID: id }, schema, id);
  }

  function apiFailure(error: unknown): { code: number; message: string } | undefined {
    const failure = error instanceof EtherpadCallError ? error.failure : undefined;
    return failure?.kind === 'api' ? failure : undefined;
  }

  /** Moves an old plain pad named after the room into its group pad, history and all; false when there is none. */
  async function movePlainPad(roomSlug: string, padId: string): Promise<boolean> {
    const source = processOf(roomSlug);
    try {
      await rawCall(source, 'getRevisionsCount', { padID: roomSlug });
    } catch (error) {
      if (apiFailure(error)?.code === 1 && /does not exist/i.test(apiFailure(error)!.message)) return false;
      fail(error, 'getRevisionsCount', source, roomSlug);
    }
    try {
      await rawCall(source, 'movePad', { sourceID: roomSlug, destinationID: padId, force: 'false' });
      return true;
    } catch (error) {
      // Moved already by another padmeet process, or the group pad exists: the plain pad stays
      // as it is (never overwritten), unreachable by browsers but kept in the database.
      if (apiFailure(error)?.code === 1) return false;
      fail(error, 'movePad', source, roomSlug);
    }
  }

  async function createRoomPad(room: RoomPadRef, initialText: string | undefined) {
    const { groupId } = room;
    const padId = groupPadId(groupId, room.roomSlug);
    const movedFromPlainPad = await movePlainPad(room.roomSlug, padId);
    if (movedFromPlainPad) return { padId, created: false, movedFromPlainPad };
    const args: Record<string, string> = { groupID: groupId, padName: room.roomSlug };
    if (initialText !== undefined) args.text = initialText;
    try {
      await rawCall(processOf(padId), 'createGroupPad', args);
      return { padId, created: true, movedFromPlainPad: false };
    } catch (error) {
      const failure = apiFailure(error);
      if (failure?.code === 1 && /already exist/i.test(failure.message)) return { padId, created: false, movedFromPlainPad: false };
      fail(error, 'createGroupPad', processOf(padId), padId);
    }
  }

  /** Deletes a session in Etherpad (asked of the first process); one already gone counts as deleted. */
  async function deleteSession(sessionId: string): Promise<void> {
    try {
      await rawCall(0, 'deleteSession', { sessionID: sessionId });
    } catch (error) {
      // Code 1: no such session (another tab retired it first).
      if (apiFailure(error)?.code !== 1) fail(error, 'deleteSession', 0);
    }
  }

  /** A session's group, author and end (Unix seconds), asked of the first process; null when there is no such session. */
  async function sessionInfo(sessionId: string): Promise<z.infer<typeof sessionInfoAnswer> | null> {
    let answer: unknown;
    try {
      answer = await rawCall(0, 'getSessionInfo', { sessionID: sessionId });
    } catch (error) {
      if (apiFailure(error)?.code === 1) return null;
      fail(error, 'getSessionInfo', 0);
    }
    return sessionInfoAnswer.safeParse(answer).data ?? null;
  }

  async function revisionsOf(padId: string): Promise<number> {
    return (await read('getRevisionsCount', padId, revisionsAnswer)).revisions;
  }

  return {
    processCount: wires.length,

    async createEventGroup(eventId) {
      return (await call(0, 'createGroupIfNotExistsFor', { groupMapper: groupMapper(eventId) }, groupAnswer)).groupID;
    },

    ensureRoomPad(room, initialText) {
      try {
        groupPadId(room.groupId, room.roomSlug);
      } catch (error) {
        return Promise.reject(error);
      }
      const key = `${room.groupId}$${room.roomSlug}`;
      // One request per room in this process at a time, remembered once it succeeded; other
      // padmeet processes are covered by "already exists" answers.
      const earlier = roomPads.get(key);
      if (earlier) return earlier.then(({ padId }) => ({ padId, created: false, movedFromPlainPad: false }));
      const first = createRoomPad(room, initialText);
      roomPads.set(key, first);
      first.catch(() => roomPads.delete(key));
      return first;
    },

    async ensureAuthor(personKey, name) {
      const args: Record<string, string> = { authorMapper: `padmeet:${personKey}` };
      if (name !== undefined) args['name'] = name;
      const answer = await call(0, 'createAuthorIfNotExistsFor', args, authorAnswer);
      return answer.authorID;
    },

    async createSession(groupId, authorId, validUntil) {
      const seconds = Math.ceil(validUntil.getTime() / 1000);
      return (await call(0, 'createSession', { groupID: groupId, authorID: authorId, validUntil: String(seconds) }, sessionAnswer)).sessionID;
    },

    async retireSessions(sessionIds, groupId) {
      const nowSeconds = Date.now() / 1000;
      const infos = await Promise.all(sessionIds.map((sessionId) => sessionInfo(sessionId)));
      const retired: string[] = [];
      // One after the other: each deleteSession rewrites the group's one record of sessions.
      for (const [index, sessionId] of sessionIds.entries()) {
        const info = infos[index] ?? null;
        const live = info !== null && info.validUntil > nowSeconds;
        if (live && info.groupID !== groupId) continue; // a pass to another event
        if (info?.groupID === groupId) await deleteSession(sessionId);
        retired.push(sessionId);
      }
      return retired;
    },

    async sessionsGrant(sessionIds, padId) {
      const pad = parseGroupPadId(padId);
      if (!pad) return false;
      const nowSeconds = Date.now() / 1000;
      for (const sessionId of sessionIds) {
        const info = await sessionInfo(sessionId);
        if (info && info.groupID === pad.groupId && info.validUntil > nowSeconds) return true;
      }
      return false;
    },

    async appendText(padId, text) {
      const id = checkPadId(padId);
      await call(processOf(id), 'appendText', { padID: id, text }, z.unknown(), id);
      return revisionsOf(id);
    },
    async getText(padId) {
      return (await read('getText', padId, textAnswer)).text;
    },
    async getHtml(padId) {
      return (await read('getHTML', padId, htmlAnswer)).html;
    },
    getRevisionsCount: revisionsOf,
    padUrl(padId) {
      const id = checkPadId(padId);
      // `$` stays as it is: Etherpad's page reads its pad ID from its own address.
      return `${browserPath}/p/${encodeURIComponent(id).replace(/%24/g, '$')}`;
    },
    async checkHealth() {
      let serverVersion = '';
      for (const [index, wire] of wires.entries()) {
        let version: string;
        try {
          version = await wire.getApiVersion();
        } catch (error) {
          fail(error, 'api', index);
        }
        if (index === 0) serverVersion = version;
      }
      const version = pickApiVersion(serverVersion);
      apiVersion = Promise.resolve(version);
      for (const index of wires.keys()) await call(index, 'checkToken', {}, z.unknown());
      return { apiVersion: serverVersion, callApiVersion: version, processes: wires.length };
    },
  };
}
