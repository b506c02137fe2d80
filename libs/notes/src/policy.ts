import type { RoomRemovalFacts } from '@padmeet/data';
import { AppError } from '@padmeet/util';

/** Retry delays of a failed snapshot: 2 s doubling up to 30 s (Etherpad back within a minute is seen within 30 s). */
export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

/** How long to wait before the next try after `attempts` claims of a job. */
export function retryDelayMs(attempts: number, base = RETRY_BASE_MS, max = RETRY_MAX_MS): number {
  return Math.min(max, base * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

/**
 * The Etherpad person key (PadService.ensureAuthor) of a join-token subject, as libs/api's notes
 * service makes them: accounts are `user:<account id>`, guests their `guest:<hash>` subject.
 */
export function personKeyOf(subject: string): string {
  return subject.startsWith('guest:') ? subject : `user:${subject}`;
}

/**
 * Whether a room may be removed: never while a session of it is running or still to come (its pad
 * is in use or being prepared), nor while its notes exist in padmeet but were not exported since
 * the last snapshot was taken, nor while a snapshot is still pending. Throws CONFLICT saying what to
 * do; returns when removal may go ahead.
 */
export function decideRoomRemoval(facts: RoomRemovalFacts): void {
  if (facts.liveOrUpcomingSessions > 0) {
    const n = facts.liveOrUpcomingSessions;
    throw new AppError('CONFLICT', {
      userMessage: `The room "${facts.slug}" has ${n} session${n === 1 ? '' : 's'} running or still to come; move or cancel ${n === 1 ? 'it' : 'them'} before removing the room.`,
    });
  }
  if (facts.pendingNotes > 0) {
    throw new AppError('CONFLICT', { userMessage: `The notes of the room "${facts.slug}" are still being saved; try again in a minute.` });
  }
  if (facts.takenNotes > 0 && (!facts.notesExportedAt || (facts.lastNotesTakenAt && facts.notesExportedAt < facts.lastNotesTakenAt))) {
    throw new AppError('CONFLICT', {
      userMessage: `The room "${facts.slug}" has session notes that were not exported${facts.notesExportedAt ? ' since the last session' : ''}; export its notes first, then remove it.`,
    });
  }
}
