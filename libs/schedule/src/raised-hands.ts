import type { RoomRole } from './room-entry';

/**
 * Raised hands in a room: one queue per session (the hallway between sessions has its own), in
 * the order hands went up. Pure rules; the API decides with them and the repository stores the
 * outcome (its unique index keeps one hand per person even when two requests race).
 */

export interface QueuedHand {
  subject: string;
  name: string;
}

/** Who acts, as the room sees them: their subject and their standing in the room (roomRoleOf). */
export interface HandActor {
  subject: string;
  role: RoomRole;
}

export type HandAction = { kind: 'raise'; name: string } | { kind: 'lower'; subject: string } | { kind: 'lower-all' };

export type HandDecision<T extends QueuedHand> =
  | { allowed: false; message: string }
  | {
      allowed: true;
      /** The queue after the action. */
      queue: T[];
      /** What changes: a hand raised (this actor's), hands lowered (by subject), or nothing. */
      change: { raise: QueuedHand } | { lower: string[] } | null;
    };

export const HAND_REFUSALS = {
  'not-yours': "Only the person, the session's chair or the event's organisers can lower someone's hand.",
  'lower-all': "Only the session's chair or the event's organisers can lower all hands.",
} as const;

/** Moderates the room (lowers anyone's hand, lowers all): an admin, an organiser of the event, the chair of the running session's track. */
export function moderatesRoom(role: RoomRole): boolean {
  return role === 'admin' || role === 'organiser' || role === 'chair';
}

export function canLowerHand(actor: HandActor, handSubject: string): boolean {
  return actor.subject === handSubject || moderatesRoom(actor.role);
}

/**
 * The outcome of `action` by `actor` on `queue` (oldest first):
 * - raise: the actor's hand joins the back; already up, nothing changes (it keeps its place);
 * - lower: the person's own hand, or anyone's for a moderator; a hand that is not up changes nothing;
 * - lower-all: moderators only.
 * A hand lowered and raised again goes to the back.
 */
export function decideHandAction<T extends QueuedHand>(queue: readonly T[], action: HandAction, actor: HandActor, make: (hand: QueuedHand) => T): HandDecision<T> {
  switch (action.kind) {
    case 'raise': {
      if (queue.some((hand) => hand.subject === actor.subject)) return { allowed: true, queue: [...queue], change: null };
      const hand = { subject: actor.subject, name: action.name };
      return { allowed: true, queue: [...queue, make(hand)], change: { raise: hand } };
    }
    case 'lower': {
      if (!canLowerHand(actor, action.subject)) return { allowed: false, message: HAND_REFUSALS['not-yours'] };
      if (!queue.some((hand) => hand.subject === action.subject)) return { allowed: true, queue: [...queue], change: null };
      return { allowed: true, queue: queue.filter((hand) => hand.subject !== action.subject), change: { lower: [action.subject] } };
    }
    case 'lower-all': {
      if (!moderatesRoom(actor.role)) return { allowed: false, message: HAND_REFUSALS['lower-all'] };
      return { allowed: true, queue: [], change: queue.length === 0 ? null : { lower: queue.map((hand) => hand.subject) } };
    }
  }
}
