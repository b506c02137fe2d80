import type { Role } from '@padmeet/contract';

/**
 * Who may call each tRPC procedure, at the role gate (the procedure builder:
 * public, protected or a role procedure). Resource rules inside handlers (a
 * chair's own tracks, an organiser's own events) come on top and are tested by
 * their domain. `authorization-matrix.spec.ts` calls EVERY procedure of
 * appRouter as every role and compares with this table: a procedure missing
 * here fails the test. Add new procedures here, and keep the README section "Roles and accounts" in step.
 */
export type Access = { kind: 'anyone' } | { kind: 'signed-in' } | { kind: 'roles'; roles: Exclude<Role, 'guest' | 'admin'>[] };

export interface MatrixEntry {
  access: Access;
  /** An input that passes validation, when the role gate sits after `.input()` (optional). */
  input?: unknown;
}

export const anyone: MatrixEntry = { access: { kind: 'anyone' } };
export const signedIn: MatrixEntry = { access: { kind: 'signed-in' } };
/** Admins always pass role gates as well. */
export const roles = (...allowed: Exclude<Role, 'guest' | 'admin'>[]): MatrixEntry => ({ access: { kind: 'roles', roles: allowed } });

export const authorizationMatrix: Record<string, MatrixEntry> = {
  // rooms
  'room.list': anyone,
  'room.bySlug': anyone,
  'room.join': anyone, // guests with a pseudonym; members-only events refuse guests, drafts all but their editors, in the handler (decideRoomEntry)
  'room.refreshMedia': anyone, // the same rule as room.join, for the same person (a guest's identity cookie)
  'room.openNotes': anyone, // the same rule as room.join (decideRoomEntry)
  // accounts (issue 6)
  'account.me': anyone,
  'account.register': anyone, // needs a valid invite token; rate limited in apps/auth
  'account.changePassword': signedIn,
  'account.endAllSessions': roles(), // admins only
  'invite.create': roles('ticketmaster'),
  'invite.list': roles('ticketmaster'),
  'invite.revoke': roles('ticketmaster'),
  // scheduling (issue 5): role gate here, per-event/per-track checks in the handlers
  'event.list': anyone,
  'event.bySlug': anyone,
  'event.exists': anyone, // drafts included: the schedule page tells a draft (its organisers load it) from no event
  'event.create': roles('organiser'),
  'event.update': signedIn,
  'event.addOrganiser': signedIn,
  'event.removeOrganiser': signedIn,
  'event.createRoom': signedIn,
  'event.updateRoom': signedIn,
  'event.reorderRooms': signedIn,
  'track.create': signedIn,
  'track.update': signedIn,
  'track.reorder': signedIn,
  'track.chairs': signedIn, // the event's organisers and admins only (checked in the handler)
  'track.addChair': signedIn,
  'track.removeChair': signedIn,
  'session.book': signedIn,
  'session.update': signedIn,
  'session.cancel': signedIn,
  'session.extend': signedIn, // the running session's chairs, the event's organisers (canEditTrackSessions, in the handler)
  'schedule.get': anyone,
  'schedule.nowNext': anyone,
  'schedule.freeSlots': anyone,
  // the notes archive (issue 12): who may open the room's pad may read its notes (decideNotesAccess), attendance for chairs/organisers (canSeeAttendance), in the handlers
  'notes.archive': anyone,
  'notes.session': anyone,
  'notes.search': anyone,
  'notes.export': anyone,
  // raised hands and chat (issue 11): the same rule as room.join (decideRoomEntry); lowering others' hands and all hands: the room's moderators, in the handler (decideHandAction)
  'roomActivity.read': anyone,
  'roomActivity.raiseHand': anyone,
  'roomActivity.lowerHand': anyone,
  'roomActivity.lowerAllHands': anyone,
  'roomActivity.sendChat': anyone,
};

export function isAllowed(access: Access, role: Role): boolean {
  if (access.kind === 'anyone') return true;
  if (role === 'guest') return false;
  if (access.kind === 'signed-in') return true;
  return role === 'admin' || access.roles.includes(role);
}
