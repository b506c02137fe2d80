import { z } from 'zod';
import { pickApiVersion } from './api-version';
import { toAppError } from './errors';
import { parseEtherpadUrl } from './etherpad-url';
import { parseGroupPadId, parsePadId } from './pad-id';
import { padProcessIndex } from './pad-process';
import type { PadServiceConfig } from './pad-service';
import { createHttpTransport, type EtherpadTransport } from './transport';

/**
 * Reading a pad's past (the notes archive's snapshots, issue 12): its revisions, its text and HTML
 * at a revision, Etherpad's diff of two revisions, and the names of its authors. Same routing as
 * PadService (each pad's calls to the process serving it; authors to the first) and the same
 * errors: every failure is an AppError (UNAVAILABLE when Etherpad is down or slow, NOT_FOUND for a
 * missing pad).
 */
export interface PadHistory {
  /** The pad's latest revision, or null when there is no such pad. */
  revisionsCount(padId: string): Promise<number | null>;
  /** The pad's plain text at `rev`. */
  textAt(padId: string, rev: number): Promise<string>;
  /** The pad rendered as an HTML document at `rev`. */
  htmlAt(padId: string, rev: number): Promise<string>;
  /**
   * Etherpad's `createDiffHTML` of [startRev, endRev]: the pad at `endRev` with the text added since
   * `startRev` in spans of class `author<authorId with . as _>`, and a style block with each author's colour.
   */
  diffHtml(padId: string, startRev: number, endRev: number): Promise<string>;
  /** The author's name in Etherpad, or null when it has none. */
  authorName(authorId: string): Promise<string | null>;
  /** Whether Etherpad knows the group (false: another Etherpad, or one that lost its database). */
  groupExists(groupId: string): Promise<boolean>;
  /**
   * The Etherpad author of a padmeet person (`personKey` as PadService.ensureAuthor takes it),
   * without changing their name.
   */
  authorOf(personKey: string): Promise<string>;
}

const revisionsAnswer = z.object({ revisions: z.number().int().nonnegative() });
// Etherpad 1.8.14 answers getText with a revision as { text: { text, attribs } }; current Etherpad as { text }.
const textAnswer = z.object({ text: z.union([z.string(), z.object({ text: z.string() })]) });
const htmlAnswer = z.object({ html: z.string() });
const authorAnswer = z.object({ authorID: z.string().regex(/^a\.[A-Za-z0-9]{16}$/) });

const checkPadId = (padId: string) => (parseGroupPadId(padId) ? padId : parsePadId(padId));

export function createPadHistory(config: PadServiceConfig, transports?: EtherpadTransport[]): PadHistory {
  const locations = config.apiUrls.map((url) => parseEtherpadUrl(url, 'apiUrl'));
  if (locations.length === 0) throw new RangeError('apiUrls must name at least one Etherpad');
  const timeoutMs = config.timeoutMs ?? 5000;
  const wires = transports ?? locations.map((location) => createHttpTransport({ location, apiKey: config.apiKey.trim(), timeoutMs }));
  let apiVersion: Promise<string> | undefined;

  function callVersion(): Promise<string> {
    apiVersion ??= wires[0]!.getApiVersion().then(pickApiVersion, (error: unknown) => {
      apiVersion = undefined;
      throw error;
    });
    return apiVersion;
  }

  async function call<T>(process: number, functionName: string, args: Record<string, string>, schema: z.ZodType<T>, padId?: string): Promise<T> {
    let answer: unknown;
    try {
      answer = await wires[process]!.call(await callVersion(), functionName, args);
    } catch (error) {
      throw toAppError(error, { baseUrl: locations[process]!.baseUrl, timeoutMs, functionName, padId });
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw toAppError(new Error(`${functionName}: unexpected answer`), { baseUrl: locations[process]!.baseUrl, timeoutMs, functionName, padId });
    }
    return parsed.data;
  }

  function onPad<T>(functionName: string, padId: string, args: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
    const id = checkPadId(padId);
    return call(padProcessIndex(id, wires.length), functionName, { padID: id, ...args }, schema, id);
  }

  const rev = (value: number) => {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`not a revision: ${value}`);
    return String(value);
  };

  return {
    async revisionsCount(padId) {
      try {
        return (await onPad('getRevisionsCount', padId, {}, revisionsAnswer)).revisions;
      } catch (error) {
        if ((error as { code?: string }).code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    async textAt(padId, at) {
      const { text } = await onPad('getText', padId, { rev: rev(at) }, textAnswer);
      return typeof text === 'string' ? text : text.text;
    },
    async htmlAt(padId, at) {
      return (await onPad('getHTML', padId, { rev: rev(at) }, htmlAnswer)).html;
    },
    async diffHtml(padId, startRev, endRev) {
      return (await onPad('createDiffHTML', padId, { startRev: rev(startRev), endRev: rev(endRev) }, htmlAnswer)).html;
    },
    async authorName(authorId) {
      const name = await call(0, 'getAuthorName', { authorID: authorId }, z.unknown());
      return typeof name === 'string' && name ? name : null;
    },
    async groupExists(groupId) {
      try {
        await call(0, 'listPads', { groupID: groupId }, z.unknown());
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'NOT_FOUND') return false;
        throw error;
      }
    },
    async authorOf(personKey) {
      return (await call(0, 'createAuthorIfNotExistsFor', { authorMapper: `padmeet:${personKey}` }, authorAnswer)).authorID;
    },
  };
}
