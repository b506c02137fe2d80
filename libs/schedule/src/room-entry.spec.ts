import { describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { canPublish, decideRoomEntry, ROOM_REFUSALS, type EventState, type RoomEntryFacts, type RoomRole } from './room-entry';

const v = (userId: string, role: Viewer['role']): Viewer => ({ userId, username: userId, role });

/** Everyone who may ask, by what they are to the room's event. */
const viewers = {
  guest: null,
  participant: v('p', 'participant'),
  ticketmaster: v('tm', 'ticketmaster'),
  'chair of the running track': v('zuul-chair', 'chair'),
  'participant account chairing the running track': v('p-chair', 'participant'),
  'chair of another track': v('nova-chair', 'chair'),
  'organiser of the event': v('org', 'organiser'),
  'organiser of another event': v('other-org', 'organiser'),
  admin: v('root', 'admin'),
} satisfies Record<string, Viewer | null>;
type ViewerName = keyof typeof viewers;

const states: Record<string, { published: boolean; membersOnly: boolean; state: EventState }> = {
  draft: { published: false, membersOnly: false, state: 'draft' },
  'members-only draft': { published: false, membersOnly: true, state: 'draft' },
  published: { published: true, membersOnly: false, state: 'public' },
  'members-only': { published: true, membersOnly: true, state: 'members-only' },
};

const startsAt = new Date('2026-12-01T10:00:00Z');
const endsAt = new Date('2026-12-01T11:00:00Z');
const session = { startsAt, endsAt, chairIds: ['zuul-chair', 'p-chair'] };
/** The session facts and the time of asking: no session in the room, and before, during and at the end of one. */
const times = {
  'no session': { session: null, now: Date.parse('2026-12-01T10:30:00Z') },
  'before the session': { session, now: startsAt.getTime() - 1 },
  'at the session start': { session, now: startsAt.getTime() },
  'during the session': { session, now: Date.parse('2026-12-01T10:59:59Z') },
  'at the session end': { session, now: endsAt.getTime() },
};
type TimeName = keyof typeof times;

const factsOf = (stateName: string, timeName: TimeName, capacity: number | null = 30): RoomEntryFacts => ({
  published: states[stateName]!.published,
  membersOnly: states[stateName]!.membersOnly,
  organiserIds: ['org', 'org-2'],
  capacity,
  session: times[timeName].session,
});

/** Who gets in, by event state: 'in', or the refusal. Written out, not derived. */
const admission: Record<ViewerName, Record<string, 'in' | 'draft' | 'sign-in'>> = {
  guest: { draft: 'draft', 'members-only draft': 'draft', published: 'in', 'members-only': 'sign-in' },
  participant: { draft: 'draft', 'members-only draft': 'draft', published: 'in', 'members-only': 'in' },
  ticketmaster: { draft: 'draft', 'members-only draft': 'draft', published: 'in', 'members-only': 'in' },
  'chair of the running track': { draft: 'draft', 'members-only draft': 'draft', published: 'in', 'members-only': 'in' },
  'participant account chairing the running track': { draft: 'draft', 'members-only draft': 'draft', published: 'in', 'members-only': 'in' },
  'chair of another track': { draft: 'draft', 'members-only draft': 'draft', published: 'in', 'members-only': 'in' },
  'organiser of the event': { draft: 'in', 'members-only draft': 'in', published: 'in', 'members-only': 'in' },
  'organiser of another event': { draft: 'draft', 'members-only draft': 'draft', published: 'in', 'members-only': 'in' },
  admin: { draft: 'in', 'members-only draft': 'in', published: 'in', 'members-only': 'in' },
};

/** The role in the room: chairs are chairs while their track's session runs there. */
const roleAt = (name: ViewerName, time: TimeName): RoomRole => {
  const chairing = time === 'at the session start' || time === 'during the session';
  const table: Record<ViewerName, RoomRole> = {
    guest: 'guest',
    participant: 'participant',
    ticketmaster: 'participant',
    'chair of the running track': chairing ? 'chair' : 'participant',
    'participant account chairing the running track': chairing ? 'chair' : 'participant',
    'chair of another track': 'participant',
    'organiser of the event': 'organiser',
    'organiser of another event': 'participant',
    admin: 'admin',
  };
  return table[name];
};

/** canPublish by role and event state (roles that never get in are listed too: the policy holds on its own). */
const publishTable: Record<RoomRole, Record<EventState, boolean>> = {
  guest: { draft: false, public: true, 'members-only': false },
  participant: { draft: false, public: true, 'members-only': true },
  chair: { draft: false, public: true, 'members-only': true },
  organiser: { draft: true, public: true, 'members-only': true },
  admin: { draft: true, public: true, 'members-only': true },
};

describe('canPublish: the publishing policy', () => {
  it('lets everyone in a public event publish, accounts in a members-only one, and editors in a draft', () => {
    for (const [role, byState] of Object.entries(publishTable)) {
      for (const [state, expected] of Object.entries(byState)) {
        expect(canPublish(role as RoomRole, state as EventState), `${role} in a ${state} event`).toBe(expected);
      }
    }
  });
});

describe('decideRoomEntry: roles × event states × session times', () => {
  for (const viewerName of Object.keys(viewers) as ViewerName[]) {
    for (const stateName of Object.keys(states)) {
      for (const timeName of Object.keys(times) as TimeName[]) {
        const expectedAdmission = admission[viewerName][stateName]!;
        it(`${viewerName}, ${stateName} event, ${timeName}: ${expectedAdmission === 'in' ? 'enters' : `refused (${expectedAdmission})`}`, () => {
          const decision = decideRoomEntry(viewers[viewerName], factsOf(stateName, timeName), times[timeName].now);
          if (expectedAdmission !== 'in') {
            expect(decision).toEqual({ allowed: false, reason: expectedAdmission, message: ROOM_REFUSALS[expectedAdmission] });
            return;
          }
          const role = roleAt(viewerName, timeName);
          const running = timeName === 'at the session start' || timeName === 'during the session';
          expect(decision).toEqual({
            allowed: true,
            grants: { role, canPublish: publishTable[role][states[stateName]!.state], capacity: 30 },
            pad: 'write',
            notAfter: running ? endsAt.getTime() : undefined,
          });
        });
      }
    }
  }
});

describe('decideRoomEntry: details', () => {
  it("passes the room's capacity into the grants, null for no limit", () => {
    const decide = (capacity: number | null) => decideRoomEntry(null, factsOf('published', 'no session', capacity), 0);
    expect(decide(null)).toMatchObject({ allowed: true, grants: { capacity: null } });
    expect(decide(2)).toMatchObject({ allowed: true, grants: { capacity: 2 } });
  });

  it('words its refusals for the room page', () => {
    expect(decideRoomEntry(null, factsOf('draft', 'no session'), 0)).toMatchObject({ message: 'This event is not published yet; only its organisers can enter its rooms.' });
    expect(decideRoomEntry(null, factsOf('members-only', 'no session'), 0)).toMatchObject({ message: expect.stringMatching(/members only: please sign in/) });
  });
});
