import type { Role, Viewer } from '@padmeet/contract';
import { canEditEvent } from './permissions';

/**
 * The join decision: may this person enter a room (the call and its notes), with which grants,
 * until when. One pure function of who is asking, the room's facts and the time; the API's
 * room procedures (join, refreshMedia, openNotes) only call it and act on the answer.
 */

/** What entering a room depends on: the event's state and staff, the room's capacity, the session running in it. */
export interface RoomEntryFacts {
  published: boolean;
  membersOnly: boolean;
  /** The event's organisers (with admins, its editors). */
  organiserIds: readonly string[];
  /** People in the call at once (the SFU enforces it); null: no limit. */
  capacity: number | null;
  /** The session booked in the room around `now`, if any, with its track's chairs. */
  session: { startsAt: Date; endsAt: Date; chairIds: readonly string[] } | null;
}

/** An event as rooms see it: a draft (its editors only), published for everyone, or published for accounts only. */
export type EventState = 'draft' | 'public' | 'members-only';

/**
 * A person's standing in one room (the join token's `role`): an admin; an organiser of the
 * room's event; a chair of the track whose session is running in the room; any other account;
 * a guest. An account's global role says nothing about this room (an organiser of another
 * event, a ticketmaster, a chair between their sessions are participants here).
 */
export type RoomRole = Extract<Role, 'admin' | 'organiser' | 'chair' | 'participant' | 'guest'>;

/** Why someone may not enter, each with the words the room page shows (with a link back to the schedule). */
export const ROOM_REFUSALS = {
  'sign-in': 'This room and its notes are for members only: please sign in.',
  draft: 'This event is not published yet; only its organisers can enter its rooms.',
} as const;
export type RoomRefusalReason = keyof typeof ROOM_REFUSALS;

export interface RoomGrants {
  role: RoomRole;
  canPublish: boolean;
  capacity: number | null;
}

export type RoomEntry =
  | { allowed: false; reason: RoomRefusalReason; message: string }
  | {
      allowed: true;
      grants: RoomGrants;
      /** The notes: everyone in the room writes in its pad (one Etherpad session, lasting as long as the join token). */
      pad: 'write';
      /**
       * The end of the session running in the room (ms since epoch): neither the join token nor
       * the pad session outlives it (plus the token policy's grace). Undefined outside sessions:
       * the token's own short life applies.
       */
      notAfter: number | undefined;
    };

export function eventStateOf(facts: Pick<RoomEntryFacts, 'published' | 'membersOnly'>): EventState {
  if (!facts.published) return 'draft';
  return facts.membersOnly ? 'members-only' : 'public';
}

/** The session in the room if it is running at `now` (starts inclusive, ends exclusive). */
function runningSession(facts: RoomEntryFacts, now: number): RoomEntryFacts['session'] {
  const session = facts.session;
  return session && session.startsAt.getTime() <= now && now < session.endsAt.getTime() ? session : null;
}

export function roomRoleOf(viewer: Viewer | null, facts: RoomEntryFacts, now: number): RoomRole {
  if (!viewer) return 'guest';
  if (viewer.role === 'admin') return 'admin';
  if (facts.organiserIds.includes(viewer.userId)) return 'organiser';
  if (runningSession(facts, now)?.chairIds.includes(viewer.userId)) return 'chair';
  return 'participant';
}

/**
 * Who may send audio, video and their screen (the others listen and watch):
 * - public events: everyone in the room, guests included. padmeet's rooms are working meetings
 *   (a PTG's planning sessions), where contributors without an account speak; a listen-only
 *   guest could not take part. Who may be in the room is the control.
 * - members-only events: every account (guests never get in);
 * - drafts: the event's editors, trying the room out (nobody else gets in).
 * The one place to change when rooms get a "stage" mode (only chairs and speakers publish).
 */
export function canPublish(role: RoomRole, state: EventState): boolean {
  switch (state) {
    case 'public':
      return true;
    case 'members-only':
      return role !== 'guest';
    case 'draft':
      return role === 'admin' || role === 'organiser';
  }
}

/**
 * May `viewer` enter the room now, and with what:
 * - a draft's rooms are for its editors (the event's organisers and admins): `draft` otherwise;
 * - a members-only event's rooms for accounts: `sign-in` for guests;
 * - a public event's rooms for everyone, guests included.
 * Allowed: the grants of the join token (role in this room, `canPublish`, the room's capacity),
 * write access to the notes, and the end of the running session as the tokens' deadline.
 */
export function decideRoomEntry(viewer: Viewer | null, facts: RoomEntryFacts, now: number): RoomEntry {
  const state = eventStateOf(facts);
  if (state === 'draft' && !canEditEvent(viewer, facts)) return refuse('draft');
  if (state === 'members-only' && !viewer) return refuse('sign-in');
  const role = roomRoleOf(viewer, facts, now);
  return {
    allowed: true,
    grants: { role, canPublish: canPublish(role, state), capacity: facts.capacity },
    pad: 'write',
    notAfter: runningSession(facts, now)?.endsAt.getTime(),
  };
}

function refuse(reason: RoomRefusalReason): RoomEntry {
  return { allowed: false, reason, message: ROOM_REFUSALS[reason] };
}
