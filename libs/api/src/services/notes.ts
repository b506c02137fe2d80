import { createHash, randomBytes } from 'node:crypto';
import { personColour, type RoomNotes, type RoomSummary } from '@padmeet/contract';
import type { RoomAccess } from '@padmeet/data';
import { computeExpiry } from '@padmeet/join-token';
import { buildInitialPadText, buildSessionSection, PAD_SESSION_COOKIE, padSessionIdsFromCookie } from '@padmeet/pad';
import { decideRoomEntry, type RoomEntry } from '@padmeet/schedule';
import { AppError, isAppError, parseCookieHeader } from '@padmeet/util';
import type { ApiContext } from '../context';

/** A guest's stable identity in this browser (HttpOnly): the same Etherpad author across sessions. */
export const GUEST_COOKIE = 'padmeet_guest';
/**
 * padmeet's copy of the `sessionID` list (HttpOnly, sent to the API): the browser sends `sessionID`
 * itself under /pad only, so without it the API never saw the passes it replaces.
 */
export const PAD_SESSIONS_COPY_COOKIE = 'padmeet_pad_sessions';
/** Sessions of other events' pads kept beside the newest in the cookie (Etherpad takes a comma-joined list). */
const MAX_PAD_SESSIONS = 4;
/** A section claim older than this whose append never completed is taken over. */
const SECTION_CLAIM_STALE_MS = 60_000;

/** Who writes in the pad and joins the call: one identity for both. */
export interface Person {
  /** Stable key of the Etherpad author: the account, or this browser's guest identity. */
  key: string;
  name: string;
  /** The join token's subject. */
  subject: string;
}

/** Who opens the notes: a guest not yet named opens them too (`notesPersonOf`). */
export type NotesPerson = Omit<Person, 'name'> & { name?: string };

/** The decision to let a person in (the grants of their join token, their notes, until when). */
export type RoomAdmission = Extract<RoomEntry, { allowed: true }>;

/**
 * The room, what entering it depends on, and the decision for this person now (decideRoomEntry);
 * NOT_FOUND, or FORBIDDEN in the decision's words (what to do), otherwise.
 */
export async function enterRoom(ctx: ApiContext, slug: string): Promise<{ room: RoomSummary; access: RoomAccess; admission: RoomAdmission }> {
  const now = ctx.now();
  const [room, access] = await Promise.all([ctx.rooms.findBySlug(slug), ctx.rooms.findAccess(slug, new Date(now))]);
  if (!room || !access) throw new AppError('NOT_FOUND', { userMessage: `There is no room "${slug}".`, field: 'slug' });
  const entry = decideRoomEntry(ctx.viewer, { ...access, capacity: room.capacity }, now);
  // A refusal is FORBIDDEN, not NOT_FOUND: the room's page exists (for a draft's organisers), and a clear word helps.
  if (!entry.allowed) throw new AppError('FORBIDDEN', { userMessage: entry.message });
  return { room, access, admission: entry };
}

function readCookie(ctx: ApiContext, name: string): string | undefined {
  return parseCookieHeader(ctx.requestHeaders?.get('cookie'))[name];
}

function setCookie(ctx: ApiContext, name: string, value: string, attributes: string) {
  ctx.responseHeaders?.append('set-cookie', `${name}=${value}; ${attributes}; SameSite=Lax${ctx.secureCookies ? '; Secure' : ''}`);
}

/**
 * Signed-in people are their account; guests are this browser (a random ID in an HttpOnly cookie,
 * made on first use). `existingGuest`: a guest must already hold the cookie (a token refresh is
 * for the identity that joined, never a new one).
 */
export function personOf(ctx: ApiContext, displayName: string | undefined, options: { existingGuest?: boolean } = {}): Person {
  if (ctx.viewer) {
    return { key: `user:${ctx.viewer.userId}`, name: ctx.viewer.displayName ?? ctx.viewer.username, subject: ctx.viewer.userId };
  }
  if (!displayName) throw new AppError('BAD_INPUT', { userMessage: 'Please enter a name.', field: 'displayName' });
  return { ...guestOf(ctx, options), name: displayName };
}

/**
 * Who opens the notes: as `personOf`, except that a guest may not be named yet. A new guest's room
 * page opens the room's pad while they type their name (out of sight, so that it is ready at the
 * click); their Etherpad author keeps the name it had (none, the first time) until the page gives
 * it to the pad.
 */
export function notesPersonOf(ctx: ApiContext, displayName: string | undefined): NotesPerson {
  return ctx.viewer || displayName ? personOf(ctx, displayName) : guestOf(ctx, {});
}

/** This browser's guest identity (the cookie made on first use unless `existingGuest`). */
function guestOf(ctx: ApiContext, options: { existingGuest?: boolean }): Omit<Person, 'name'> {
  let guestId = readCookie(ctx, GUEST_COOKIE);
  if (!guestId || !/^[A-Za-z0-9_-]{43}$/.test(guestId)) {
    if (options.existingGuest) {
      throw new AppError('UNAUTHENTICATED', { userMessage: 'This browser no longer holds the guest identity you joined with (were cookies cleared?): join the room again.' });
    }
    guestId = randomBytes(32).toString('base64url');
    setCookie(ctx, GUEST_COOKIE, guestId, 'Path=/; HttpOnly; Max-Age=31536000');
  }
  // The cookie is the secret; what others' systems see (Etherpad's mapper, the join token) is its hash.
  const subject = `guest:${createHash('sha256').update(guestId).digest('hex').slice(0, 32)}`;
  return { key: subject, subject };
}

/** The Etherpad sessions this browser holds (as padmeet last set them). */
function padSessionsOf(ctx: ApiContext): string[] {
  return padSessionIdsFromCookie(ctx.requestHeaders?.get('cookie'), PAD_SESSIONS_COPY_COOKIE).slice(0, MAX_PAD_SESSIONS);
}

/** The Etherpad session cookie: the new session first, then the browser's passes to other events' pads. */
function setPadSessionCookie(ctx: ApiContext, ids: string[], validUntil: number) {
  const maxAge = Math.max(1, Math.ceil((validUntil - ctx.now()) / 1000));
  const value = encodeURIComponent(ids.slice(0, MAX_PAD_SESSIONS).join(','));
  // Not HttpOnly: Etherpad's own page reads it and sends it over socket.io. Only under /pad.
  setCookie(ctx, PAD_SESSION_COOKIE, value, `Path=/pad; Max-Age=${maxAge}`);
  // The same list for padmeet's API, out of reach of pages' scripts and never passed to Etherpad.
  setCookie(ctx, PAD_SESSIONS_COPY_COOKIE, value, `Path=/api/trpc; HttpOnly; Max-Age=${maxAge}`);
}

/** When the person's pad session (and join token) ends: short-lived, never past the running session's end plus grace. */
export function notesValidUntil(ctx: ApiContext, admission: RoomAdmission): number {
  return computeExpiry(ctx.now(), admission.notAfter) * 1000;
}

/**
 * Opens a room's notes for a person: the room's group pad (created, or moved from an old plain
 * pad, when missing), the person's Etherpad author, and an Etherpad session until `validUntil`,
 * set as the browser's cookie. When a session is running in the room, its heading and agenda
 * are added to the pad first (once per session). Etherpad down: `unavailable` with a message;
 * the caller's other work (the call) goes on.
 */
export async function openRoomNotes(ctx: ApiContext, room: RoomSummary, access: RoomAccess, person: NotesPerson, validUntil: number): Promise<RoomNotes> {
  const log = ctx.logger.child({ roomId: room.slug });
  try {
    const [groupId, authorId] = await Promise.all([eventGroup(ctx, access), ctx.pads.ensureAuthor(person.key, person.name)]);
    const [{ padId }, sessionId] = await Promise.all([
      ctx.pads.ensureRoomPad({ groupId, roomSlug: room.slug }, buildInitialPadText({ roomName: room.name, eventName: room.eventName })),
      ctx.pads.createSession(groupId, authorId, new Date(validUntil)),
    ]);
    // The new pass replaces this browser's earlier ones to the event (renewals), in Etherpad too.
    const earlier = padSessionsOf(ctx).filter((id) => id !== sessionId);
    const retired = await ctx.pads.retireSessions(earlier, groupId).catch((error: unknown): string[] => {
      log.warn({ err: error }, 'could not delete replaced Etherpad sessions; they expire by themselves');
      return [];
    });
    setPadSessionCookie(ctx, [sessionId, ...earlier.filter((id) => !retired.includes(id))], validUntil);
    if (access.session) await addSessionSection(ctx, padId, access.session, access.timeZone);
    return { status: 'ready', padId, url: ctx.pads.padUrl(padId), validUntil, colour: personColour(person.subject) };
  } catch (error) {
    log.warn({ err: error }, 'notes unavailable');
    return { status: 'unavailable', message: isAppError(error) ? error.userMessage : 'The notes server (Etherpad) is not reachable; the video room still works.' };
  }
}

/** The event's Etherpad group: as recorded, or made now and recorded (the first padmeet process to record one wins). */
async function eventGroup(ctx: ApiContext, access: RoomAccess): Promise<string> {
  if (access.padGroupId) return access.padGroupId;
  return ctx.padRecords.claimGroup(access.eventId, await ctx.pads.createEventGroup(access.eventId));
}

/**
 * Appends the running session's heading and agenda to the room's pad, once per session across
 * all padmeet processes (a claim row in PostgreSQL first), and records the pad's revision after
 * it. Existing text is never replaced. A failure frees the claim for the next try and is logged;
 * opening the notes goes on.
 */
export async function addSessionSection(ctx: ApiContext, padId: string, session: NonNullable<RoomAccess['session']>, timeZone: string): Promise<void> {
  const log = ctx.logger.child({ slotId: session.id, padId });
  if (!(await ctx.padRecords.claimSection(session.id, padId, SECTION_CLAIM_STALE_MS))) return;
  try {
    const revision = await ctx.pads.appendText(padId, buildSessionSection({ ...session, timeZone }));
    await ctx.padRecords.completeSection(session.id, revision);
    log.info({ revision }, 'session section added to the pad');
  } catch (error) {
    await ctx.padRecords.releaseSection(session.id);
    log.warn({ err: error }, 'could not add the session section to the pad; the next opening of the room tries again');
  }
}
