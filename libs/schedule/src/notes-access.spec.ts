import { describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { canSeeAttendance, decideNotesAccess } from './notes-access';
import { decideRoomEntry } from './room-entry';

const v = (userId: string, role: Viewer['role']): Viewer => ({ userId, username: userId, role });

const viewers = {
  guest: null,
  participant: v('p', 'participant'),
  'chair of the track': v('zuul-chair', 'chair'),
  'participant account chairing the track': v('p-chair', 'participant'),
  'chair of another track': v('nova-chair', 'chair'),
  'organiser of the event': v('org', 'organiser'),
  'organiser of another event': v('other-org', 'organiser'),
  admin: v('root', 'admin'),
} satisfies Record<string, Viewer | null>;
type ViewerName = keyof typeof viewers;

const states = {
  draft: { published: false, membersOnly: false },
  'members-only draft': { published: false, membersOnly: true },
  public: { published: true, membersOnly: false },
  'members-only': { published: true, membersOnly: true },
};
type StateName = keyof typeof states;

/** Who reads the notes, by event state: 'read' or the refusal. Written out, not derived. */
const reading: Record<ViewerName, Record<StateName, 'read' | 'draft' | 'sign-in'>> = {
  guest: { draft: 'draft', 'members-only draft': 'draft', public: 'read', 'members-only': 'sign-in' },
  participant: { draft: 'draft', 'members-only draft': 'draft', public: 'read', 'members-only': 'read' },
  'chair of the track': { draft: 'draft', 'members-only draft': 'draft', public: 'read', 'members-only': 'read' },
  'participant account chairing the track': { draft: 'draft', 'members-only draft': 'draft', public: 'read', 'members-only': 'read' },
  'chair of another track': { draft: 'draft', 'members-only draft': 'draft', public: 'read', 'members-only': 'read' },
  'organiser of the event': { draft: 'read', 'members-only draft': 'read', public: 'read', 'members-only': 'read' },
  'organiser of another event': { draft: 'draft', 'members-only draft': 'draft', public: 'read', 'members-only': 'read' },
  admin: { draft: 'read', 'members-only draft': 'read', public: 'read', 'members-only': 'read' },
};

/** Who sees attendance (any event state they may read). */
const attendance: Record<ViewerName, boolean> = {
  guest: false,
  participant: false,
  'chair of the track': true,
  'participant account chairing the track': true,
  'chair of another track': false,
  'organiser of the event': true,
  'organiser of another event': false,
  admin: true,
};

const organiserIds = ['org', 'org-2'];
const chairIds = ['zuul-chair', 'p-chair'];

describe('decideNotesAccess', () => {
  for (const [viewerName, row] of Object.entries(reading) as [ViewerName, Record<StateName, string>][]) {
    for (const [stateName, expected] of Object.entries(row) as [StateName, string][]) {
      it(`${viewerName}, ${stateName} event: ${expected}`, () => {
        const access = decideNotesAccess(viewers[viewerName], { ...states[stateName], organiserIds });
        expect(access.allowed ? 'read' : access.reason).toBe(expected);
        if (!access.allowed) expect(access.message).toMatch(expected === 'sign-in' ? /sign in/ : /not published/);
      });
      it(`${viewerName}, ${stateName} event: the same answer as entering the room (its pad)`, () => {
        const facts = { ...states[stateName], organiserIds, capacity: null, session: null };
        expect(decideNotesAccess(viewers[viewerName], facts).allowed).toBe(decideRoomEntry(viewers[viewerName], facts, 0).allowed);
      });
    }
  }
});

describe('canSeeAttendance', () => {
  for (const [viewerName, expected] of Object.entries(attendance) as [ViewerName, boolean][]) {
    it(`${viewerName}: ${expected ? 'sees' : 'does not see'} who attended`, () => {
      expect(canSeeAttendance(viewers[viewerName], { organiserIds, chairIds })).toBe(expected);
    });
  }
});
