import {
  CHAT_HISTORY_LIMIT,
  type ChatEvent,
  type ChatMessage,
  type HandsEvent,
  type RaisedHand,
  type RoomActivity,
  type RoomActivityViewer,
} from '@padmeet/contract';
import type { ChangeBus, ChatRecord, HandRecord, RoomActivityRepository } from '@padmeet/data';
import { decideHandAction, moderatesRoom, type HandAction } from '@padmeet/schedule';
import { AppError, createRateLimiter, isAppError, type RateLimiter } from '@padmeet/util';
import type { ApiContext } from '../context';
import { enterRoom, personOf, type Person } from './notes';

/**
 * Raised hands and chat (issue 11). Every call is decided like a join (`enterRoom`:
 * decideRoomEntry), acts as the person the request proves (the account, or the guest identity
 * cookie of the browser that joined: nobody can post as, or lower the hand of, someone else),
 * stores in PostgreSQL, and publishes what changed to the room's open streams in this process
 * (the now/next stream with `?room=`) and, through the change bus, to the other web processes,
 * which read the change back from the database for their own streams of the room. The streams
 * also re-read every minute and at each session's start and end (a change missed while a
 * process's bus was reconnecting arrives then).
 */

/** What one room's streams receive. */
export type RoomActivityPush = { type: 'hands'; data: HandsEvent } | { type: 'chat'; data: ChatEvent };

/** The open streams of each room in this process. */
export interface RoomActivityHub {
  publish(roomSlug: string, push: RoomActivityPush): void;
  subscribe(roomSlug: string, listener: (push: RoomActivityPush) => void): () => void;
  /** Some stream of this room is open in this process. */
  watched(roomSlug: string): boolean;
}

export function createRoomActivityHub(): RoomActivityHub {
  const rooms = new Map<string, Set<(push: RoomActivityPush) => void>>();
  return {
    publish(roomSlug, push) {
      for (const listener of rooms.get(roomSlug) ?? []) listener(push);
    },
    subscribe(roomSlug, listener) {
      const listeners = rooms.get(roomSlug) ?? new Set();
      rooms.set(roomSlug, listeners);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && rooms.get(roomSlug) === listeners) rooms.delete(roomSlug);
      };
    },
    watched: (roomSlug) => rooms.has(roomSlug),
  };
}

/**
 * What room activity says on the change bus: which room's hands queue (its session's, or the
 * hallway's: null) or which chat message. The receiving processes read the rest themselves.
 */
type ActivityChange = { kind: 'hands'; room: string; sessionId: string | null } | { kind: 'chat'; room: string; id: string };

function activityChangeOf(message: unknown): ActivityChange | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { kind, room, sessionId, id } = message as Record<string, unknown>;
  if (typeof room !== 'string') return undefined;
  if (kind === 'hands' && (sessionId === null || typeof sessionId === 'string')) return { kind, room, sessionId };
  if (kind === 'chat' && typeof id === 'string' && /^[0-9]{1,19}$/.test(id)) return { kind, room, id };
  return undefined;
}

function changeOf(roomSlug: string, push: RoomActivityPush): ActivityChange | undefined {
  if (push.type === 'hands') return { kind: 'hands', room: roomSlug, sessionId: push.data.sessionId };
  const newest = push.data.messages[push.data.messages.length - 1];
  return newest && { kind: 'chat', room: roomSlug, id: newest.id };
}

/**
 * This process's hub, joined to the other processes' through the bus: what is published here
 * goes to the bus too; what another process published is read back from the database (once per
 * process, and only for a room with a stream open here) and published here.
 */
function sharedHub(local: RoomActivityHub, repository: RoomActivityRepository, bus: ChangeBus, onError: (error: unknown) => void): RoomActivityHub {
  const readBack = async (change: ActivityChange): Promise<RoomActivityPush | undefined> => {
    if (change.kind === 'hands') {
      return { type: 'hands', data: { sessionId: change.sessionId, hands: (await repository.hands(change.room, change.sessionId)).map(handOf) } };
    }
    const [record] = await repository.chat(change.room, { limit: 1, afterId: BigInt(change.id) - 1n });
    return record && record.id === BigInt(change.id) ? { type: 'chat', data: { messages: [messageOf(record)] } } : undefined;
  };
  // One read-back at a time, in the order the changes came: a later read sees the database at
  // least as new as an earlier one, so a room's streams never end on an older hands queue.
  let previous = Promise.resolve();
  bus.subscribe((message) => {
    const change = activityChangeOf(message);
    if (!change || !local.watched(change.room)) return;
    previous = previous.then(async () => {
      try {
        const push = await readBack(change);
        if (push) local.publish(change.room, push);
      } catch (error) {
        onError(error);
      }
    });
  });
  return {
    publish(roomSlug, push) {
      local.publish(roomSlug, push);
      const change = changeOf(roomSlug, push);
      if (change) void bus.publish(change);
    },
    subscribe: local.subscribe,
    watched: local.watched,
  };
}

/**
 * Per person (subject): chat 10 messages in 15 s (a fast typist's burst; a flood stops at once);
 * hands 30 changes a minute (a chair lowering hands one by one).
 */
export const ROOM_ACTIVITY_LIMITS: Record<'chat' | 'hands', { limit: number; windowMs: number }> = {
  chat: { limit: 10, windowMs: 15_000 },
  hands: { limit: 30, windowMs: 60_000 },
};

export interface RoomActivityDeps {
  repository: RoomActivityRepository;
  hub: RoomActivityHub;
  limits: Record<keyof typeof ROOM_ACTIVITY_LIMITS, RateLimiter>;
}

/**
 * The room activity of one process (the app builds it once, with its dependencies). With a `bus`,
 * its streams hear the other processes' writes at once (`onBusError`: a read-back that failed).
 */
export function createRoomActivity(
  repository: RoomActivityRepository,
  options: { hub?: RoomActivityHub; now?: () => number; limits?: typeof ROOM_ACTIVITY_LIMITS; bus?: ChangeBus; onBusError?: (error: unknown) => void } = {},
): RoomActivityDeps {
  const limits = options.limits ?? ROOM_ACTIVITY_LIMITS;
  const local = options.hub ?? createRoomActivityHub();
  return {
    repository,
    hub: options.bus ? sharedHub(local, repository, options.bus, options.onBusError ?? (() => undefined)) : local,
    limits: { chat: createRateLimiter({ ...limits.chat, now: options.now }), hands: createRateLimiter({ ...limits.hands, now: options.now }) },
  };
}

function activityOf(ctx: ApiContext): RoomActivityDeps {
  if (!ctx.roomActivity) throw new AppError('UNAVAILABLE', { userMessage: 'Hands and chat are not available on this server.' });
  return ctx.roomActivity;
}

/** Lowering a hand names no name: a guest is still proven by their identity cookie; the name is not used. */
const NAME_NOT_USED = '-';

/** The requester's subject, or null for a guest whose browser holds no identity yet (has not joined). */
function subjectOrNull(ctx: ApiContext): string | null {
  try {
    return personOf(ctx, NAME_NOT_USED, { existingGuest: true }).subject;
  } catch (error) {
    if (isAppError(error) && error.code === 'UNAUTHENTICATED') return null;
    throw error;
  }
}

function limitPerson(limiter: RateLimiter, person: Person, what: string): void {
  const decision = limiter.consume(person.subject);
  if (decision.allowed) return;
  const wait = decision.retryAfterSeconds;
  throw new AppError('RATE_LIMITED', { userMessage: `You are ${what} too fast; wait ${wait} second${wait === 1 ? '' : 's'}.`, retryAfterSeconds: wait });
}

const handOf = (record: HandRecord): RaisedHand => ({ subject: record.subject, name: record.name, raisedAt: record.raisedAt.toISOString() });
const messageOf = (record: ChatRecord): ChatMessage => ({ id: record.id.toString(), subject: record.subject, name: record.name, text: record.body, sentAt: record.sentAt.toISOString() });

/**
 * The room's hands queue (its running session's, or the hallway's), its latest chat messages (or
 * those after `afterId`) and the reader's standing: what a stream sends on connect and on resync.
 */
export async function readRoomActivity(ctx: ApiContext, slug: string, afterId?: string): Promise<RoomActivity> {
  const { repository } = activityOf(ctx);
  const { room, access, admission } = await enterRoom(ctx, slug);
  const sessionId = access.session?.id ?? null;
  const [hands, chat] = await Promise.all([
    repository.hands(room.slug, sessionId),
    repository.chat(room.slug, { limit: CHAT_HISTORY_LIMIT, afterId: afterId === undefined ? undefined : BigInt(afterId) }),
  ]);
  const you: RoomActivityViewer = { subject: subjectOrNull(ctx), moderator: moderatesRoom(admission.grants.role) };
  return { you, hands: { sessionId, hands: hands.map(handOf) }, chat: { messages: chat.map(messageOf) } };
}

/**
 * Raises, lowers, or lowers all hands in the room's current queue, as decideHandAction allows
 * (FORBIDDEN with its words otherwise); answers the queue as stored after the change.
 */
export async function actOnHands(ctx: ApiContext, slug: string, action: { kind: 'raise'; displayName: string } | Exclude<HandAction, { kind: 'raise' }>): Promise<HandsEvent> {
  const { repository, hub, limits } = activityOf(ctx);
  const { room, access, admission } = await enterRoom(ctx, slug);
  const person = personOf(ctx, action.kind === 'raise' ? action.displayName : NAME_NOT_USED, { existingGuest: true });
  limitPerson(limits.hands, person, 'changing hands');
  const sessionId = access.session?.id ?? null;
  const queue = await repository.hands(room.slug, sessionId);
  const decision = decideHandAction(queue, action.kind === 'raise' ? { kind: 'raise', name: person.name } : action, { subject: person.subject, role: admission.grants.role }, (hand) => ({
    ...hand,
    raisedAt: new Date(ctx.now()),
  }));
  if (!decision.allowed) throw new AppError('FORBIDDEN', { userMessage: decision.message });
  if (!decision.change) return { sessionId, hands: queue.map(handOf) };
  if ('raise' in decision.change) await repository.raiseHand(room.slug, sessionId, decision.change.raise);
  else await repository.lowerHands(room.slug, sessionId, decision.change.lower);
  const event: HandsEvent = { sessionId, hands: (await repository.hands(room.slug, sessionId)).map(handOf) };
  hub.publish(room.slug, { type: 'hands', data: event });
  return event;
}

/** Stores a chat message as the person the request proves, with the running session, and sends it to the room. */
export async function sendChatMessage(ctx: ApiContext, input: { slug: string; displayName: string; text: string }): Promise<ChatMessage> {
  const { repository, hub, limits } = activityOf(ctx);
  const { room, access } = await enterRoom(ctx, input.slug);
  const person = personOf(ctx, input.displayName, { existingGuest: true });
  limitPerson(limits.chat, person, 'sending messages');
  const record = await repository.addChat(room.slug, access.session?.id ?? null, { subject: person.subject, name: person.name, body: input.text });
  if (!record) throw new AppError('NOT_FOUND', { userMessage: `There is no room "${input.slug}".` });
  const message = messageOf(record);
  hub.publish(room.slug, { type: 'chat', data: { messages: [message] } });
  return message;
}
