import type { RoomRemovalFacts } from '@padmeet/data';
import { describe, expect, it } from 'vitest';
import { decideRoomRemoval, personKeyOf, retryDelayMs } from './policy';

const facts = (over: Partial<RoomRemovalFacts> = {}): RoomRemovalFacts => ({
  roomId: 'r',
  slug: 'zuul',
  liveOrUpcomingSessions: 0,
  takenNotes: 0,
  lastNotesTakenAt: null,
  pendingNotes: 0,
  notesExportedAt: null,
  ...over,
});
const refusal = (f: RoomRemovalFacts) => {
  try {
    decideRoomRemoval(f);
    return 'allowed';
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as { userMessage: string }).userMessage}`;
  }
};

describe('decideRoomRemoval', () => {
  const taken = new Date('2026-11-30T10:00:00Z');
  it.each([
    ['a room without sessions or notes', facts(), 'allowed'],
    ['a session running or to come', facts({ liveOrUpcomingSessions: 1 }), 'CONFLICT: The room "zuul" has 1 session running or still to come; move or cancel it before removing the room.'],
    ['notes never exported', facts({ takenNotes: 2, lastNotesTakenAt: taken }), 'CONFLICT: The room "zuul" has session notes that were not exported; export its notes first, then remove it.'],
    ['notes exported before the last snapshot', facts({ takenNotes: 2, lastNotesTakenAt: taken, notesExportedAt: new Date(taken.getTime() - 1) }), 'CONFLICT: The room "zuul" has session notes that were not exported since the last session; export its notes first, then remove it.'],
    ['notes exported after the last snapshot', facts({ takenNotes: 2, lastNotesTakenAt: taken, notesExportedAt: new Date(taken.getTime() + 1) }), 'allowed'],
    ['a snapshot still pending', facts({ pendingNotes: 1, notesExportedAt: new Date() }), 'CONFLICT: The notes of the room "zuul" are still being saved; try again in a minute.'],
  ])('%s', (_name, input, expected) => {
    expect(refusal(input)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 2 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((attempts) => retryDelayMs(attempts))).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe('personKeyOf', () => {
  it('maps accounts and guests to the Etherpad person keys of the notes service', () => {
    expect(personKeyOf('0b7f1c1e-1111-4111-8111-111111111111')).toBe('user:0b7f1c1e-1111-4111-8111-111111111111');
    expect(personKeyOf('guest:abc')).toBe('guest:abc');
  });
});
