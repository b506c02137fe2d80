import type { Db } from './client';

/**
 * Raised hands and chat of rooms (libs/api's room activity service). Rooms are named by slug;
 * a queue is a room's session (`sessionId`) or, with null, its hallway between sessions.
 */
export interface RoomActivityRepository {
  /** The queue, in the order hands went up. */
  hands(roomSlug: string, sessionId: string | null): Promise<HandRecord[]>;
  /** Adds the person's hand at the back; already up (even raised by a concurrent request), it keeps its place. */
  raiseHand(roomSlug: string, sessionId: string | null, hand: { subject: string; name: string }): Promise<void>;
  /** Lowers these people's hands in the queue (none up: nothing happens). */
  lowerHands(roomSlug: string, sessionId: string | null, subjects: readonly string[]): Promise<void>;
  /** Stores a message; null when the room does not exist. */
  addChat(roomSlug: string, sessionId: string | null, message: { subject: string; name: string; body: string }): Promise<ChatRecord | null>;
  /** The room's latest `limit` messages, oldest first; with `afterId`, only later ones (the first `limit` of them). */
  chat(roomSlug: string, options: { limit: number; afterId?: bigint }): Promise<ChatRecord[]>;
  /** A session's messages, oldest first (for the notes archive). */
  sessionChat(sessionId: string): Promise<ChatRecord[]>;
}

export interface HandRecord {
  subject: string;
  name: string;
  raisedAt: Date;
}

export interface ChatRecord {
  id: bigint;
  sessionId: string | null;
  subject: string;
  name: string;
  body: string;
  sentAt: Date;
}

const chatSelect = { id: true, sessionId: true, subject: true, name: true, body: true, sentAt: true } as const;

export function createRoomActivityRepository(db: Db): RoomActivityRepository {
  return {
    async hands(roomSlug, sessionId) {
      return db.raisedHand.findMany({
        where: { room: { slug: roomSlug }, sessionId },
        select: { subject: true, name: true, raisedAt: true },
        orderBy: { position: 'asc' },
      });
    },
    async raiseHand(roomSlug, sessionId, hand) {
      // The unique index (room, session or hallway, subject) keeps one hand per person in a queue.
      await db.$executeRaw`
        INSERT INTO raised_hand (room_id, session_id, subject, name)
        SELECT id, ${sessionId}::uuid, ${hand.subject}, ${hand.name} FROM room WHERE slug = ${roomSlug}
        ON CONFLICT DO NOTHING`;
    },
    async lowerHands(roomSlug, sessionId, subjects) {
      if (subjects.length === 0) return;
      await db.raisedHand.deleteMany({ where: { room: { slug: roomSlug }, sessionId, subject: { in: [...subjects] } } });
    },
    async addChat(roomSlug, sessionId, message) {
      const room = await db.room.findUnique({ where: { slug: roomSlug }, select: { id: true } });
      if (!room) return null;
      return db.chatMessage.create({ data: { roomId: room.id, sessionId, ...message }, select: chatSelect });
    },
    async chat(roomSlug, { limit, afterId }) {
      if (afterId !== undefined) {
        return db.chatMessage.findMany({ where: { room: { slug: roomSlug }, id: { gt: afterId } }, select: chatSelect, orderBy: { id: 'asc' }, take: limit });
      }
      const latest = await db.chatMessage.findMany({ where: { room: { slug: roomSlug } }, select: chatSelect, orderBy: { id: 'desc' }, take: limit });
      return latest.reverse();
    },
    async sessionChat(sessionId) {
      return db.chatMessage.findMany({ where: { sessionId }, select: chatSelect, orderBy: { id: 'asc' } });
    },
  };
}
