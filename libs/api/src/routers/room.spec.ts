import { describe, expect, it } from 'vitest';
import type { JoinTokenRequest } from '@padmeet/contract';
import { createFakePadRepository, createFakeRoomRepository } from '@padmeet/data/testing';
import { padSessionIdsFromCookie } from '@padmeet/pad';
import { createFakePadService, type FakePadService } from '@padmeet/pad/testing';
import { AppError, createLogger } from '@padmeet/util';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { createRoomRateLimits } from '../services/room-limits';
import { accountsNotReached, errorOf } from '../testing/harness';

const rooms = createFakeRoomRepository([{ slug: 'zuul-planning', name: 'Zuul planning', capacity: 50, eventName: 'PTG', eventSlug: 'ptg' }]);

function deps(overrides: Partial<ApiDeps> = {}): ApiDeps {
  return {
    rooms,
    // Not used by the room procedures.
    schedule: {} as ApiDeps['schedule'],
    pads: createFakePadService({ now: () => 0 }),
    padRecords: createFakePadRepository(),
    secureCookies: false,
    authService: {
      async issueJoinToken(request) {
        return { token: `token-for-${request.room}-${request.name}`, expiresAt: 123 };
      },
    },
    roomLimits: createRoomRateLimits(),
    accounts: accountsNotReached,
    sfuPublicUrl: 'ws://sfu.example/ws',
    logger: createLogger({ name: 'test', level: 'silent' }),
    now: () => 0,
    ...overrides,
  };
}

describe('room router', () => {
  it('lists rooms', async () => {
    expect(await createServerCaller(deps()).room.list()).toHaveLength(1);
  });

  it("joins: the room's group pad with a pad session as long as the join token, a join token and the SFU URL", async () => {
    const pads = createFakePadService({ now: () => 0 });
    const out = await createServerCaller(deps({ pads })).room.join({ slug: 'zuul-planning', displayName: ' Ada ' });
    expect(out.pad).toEqual({ status: 'ready', padId: expect.stringMatching(/^g\.[0-9a-f]{16}\$zuul-planning$/), url: expect.stringMatching(/^\/pad\/p\/g\.[0-9a-f]{16}\$zuul-planning$/), validUntil: 600_000, colour: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(out.media).toEqual({ url: 'ws://sfu.example/ws', token: 'token-for-zuul-planning-Ada', expiresAt: 123 });
    // One Etherpad author named like the tile, one session for the event's group until the token's end.
    expect([...pads.authors.values()]).toEqual([{ id: expect.any(String), name: 'Ada' }]);
    expect([...pads.sessions.values()]).toEqual([expect.objectContaining({ validUntil: new Date(600_000) })]);
  });

  it('still joins the video when Etherpad is down, saying so', async () => {
    const pads = createFakePadService();
    pads.setUnavailable(true);
    const out = await createServerCaller(deps({ pads })).room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(out.pad).toEqual({ status: 'unavailable', message: expect.stringMatching(/not reachable.*video room still works/) });
    expect(out.media.token).toContain('zuul-planning');
  });

  it('reports the auth service being down as unavailable, with its message', async () => {
    const authService = {
      issueJoinToken: async () => {
        throw new AppError('UNAVAILABLE', { userMessage: 'The sign-in service is not reachable' });
      },
    };
    const error = await errorOf(createServerCaller(deps({ authService })).room.join({ slug: 'zuul-planning', displayName: 'Ada' }));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/sign-in service/);
  });

  it('answers NOT_FOUND for an unknown room and BAD_REQUEST for a malformed slug', async () => {
    expect((await errorOf(createServerCaller(deps()).room.bySlug({ slug: 'nope' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(createServerCaller(deps()).room.join({ slug: 'Bad Slug!', displayName: 'x' }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(createServerCaller(deps()).room.join({ slug: 'zuul-planning', displayName: '   ' }))).code).toBe('BAD_REQUEST');
  });

  it('hides unexpected errors behind a generic message', async () => {
    const broken = { ...rooms, listPublished: async () => Promise.reject(new Error('connection reset by peer at 10.0.0.3')) };
    const error = await errorOf(createServerCaller(deps({ rooms: broken })).room.list());
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toMatch(/10\.0\.0\.3/);
  });
});

describe('join token lifetime', () => {
  it('asks auth for a token that ends with the session running in the room', async () => {
    const sessionEndsAt = new Date('2026-12-01T10:30:00Z');
    const requests: unknown[] = [];
    const out = await createServerCaller(
      deps({
        rooms: createFakeRoomRepository([{ slug: 'zuul-planning', name: 'Zuul planning', capacity: 50, eventName: 'PTG', eventSlug: 'ptg', session: { id: '11111111-1111-4111-8111-111111111111', title: 'Zuul v5', agenda: '', trackName: 'Zuul', chairNames: [], chairIds: [], startsAt: new Date(0), endsAt: sessionEndsAt } }]),
        authService: {
          async issueJoinToken(request) {
            requests.push(request);
            return { token: 't', expiresAt: 1 };
          },
        },
      }),
    ).room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(out.media.token).toBe('t');
    expect(requests).toEqual([expect.objectContaining({ room: 'zuul-planning', notAfter: sessionEndsAt.getTime(), role: 'guest' })]);
  });

  it('leaves the default short lifetime outside sessions', async () => {
    const requests: { notAfter?: number }[] = [];
    await createServerCaller(
      deps({
        authService: {
          async issueJoinToken(request) {
            requests.push(request);
            return { token: 't', expiresAt: 1 };
          },
        },
      }),
    ).room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(requests[0]?.notAfter).toBeUndefined();
  });
});

describe('pseudonyms', () => {
  it('refuses a name the join token would refuse, on the displayName field, before asking auth', async () => {
    let asked = false;
    const error = await errorOf(
      createServerCaller(
        deps({
          authService: {
            async issueJoinToken() {
              asked = true;
              return { token: 't', expiresAt: 1 };
            },
          },
        }),
      ).room.join({ slug: 'zuul-planning', displayName: '<Ada>' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/< >/);
    expect(asked).toBe(false);
  });
});

describe('who may enter a room and its notes', () => {
  const member = { userId: 'u-1', username: 'ada', displayName: 'Ada L.', role: 'participant' as const };
  const organiser = { userId: 'org-1', username: 'olga', role: 'organiser' as const };
  const roomOf = (state: { published: boolean; membersOnly: boolean }) =>
    createFakeRoomRepository([{ slug: 'zuul-planning', name: 'Zuul planning', capacity: 50, eventName: 'PTG', eventSlug: 'ptg', organiserIds: ['org-1'], ...state }]);

  it('refuses guests in members-only rooms and everyone but the editors in drafts, with what to do', async () => {
    const membersOnly = deps({ rooms: roomOf({ published: true, membersOnly: true }) });
    const guest = await errorOf(createServerCaller(membersOnly).room.openNotes({ slug: 'zuul-planning', displayName: 'Eve' }));
    expect(guest.code).toBe('FORBIDDEN');
    expect(guest.message).toMatch(/members only.*sign in/);
    await expect(createServerCaller(membersOnly, { viewer: member }).room.openNotes({ slug: 'zuul-planning' })).resolves.toMatchObject({ notes: { status: 'ready' } });

    const draft = deps({ rooms: roomOf({ published: false, membersOnly: false }) });
    for (const viewer of [null, member]) {
      const error = await errorOf(createServerCaller(draft, { viewer }).room.join({ slug: 'zuul-planning', displayName: 'Eve' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/not published yet/);
    }
    await expect(createServerCaller(draft, { viewer: organiser }).room.openNotes({ slug: 'zuul-planning' })).resolves.toMatchObject({ notes: { status: 'ready' } });
  });

  it('writes a signed-in person under their account name, the same author every time', async () => {
    const pads = createFakePadService();
    const caller = createServerCaller(deps({ pads }), { viewer: member });
    await caller.room.openNotes({ slug: 'zuul-planning', displayName: 'Not me' });
    await caller.room.join({ slug: 'zuul-planning', displayName: 'Not me either' });
    expect([...pads.authors.entries()]).toEqual([['user:u-1', { id: expect.any(String), name: 'Ada L.' }]]);
    expect(new Set([...pads.sessions.values()].map((session) => session.authorId)).size).toBe(1);
  });

  it('opens the notes for a guest not named yet, under their one identity, and names them in the pad only when a name comes', async () => {
    const pads = createFakePadService();
    const shared = deps({ pads });
    // A new guest's room page opens the pad while they type their name: the answer makes their identity.
    const first = new Headers();
    const unnamed = await createServerCaller(shared, { responseHeaders: first }).room.openNotes({ slug: 'zuul-planning' });
    if (unnamed.notes.status !== 'ready') throw new Error('the notes did not open');
    const { colour } = unnamed.notes;
    expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    const cookie = first.getSetCookie().find((c) => c.startsWith('padmeet_guest='))!.split(';')[0]!;
    expect([...pads.authors.values()]).toEqual([{ id: expect.any(String), name: undefined }]);
    const same = { headers: new Headers({ cookie }), responseHeaders: new Headers() };
    const named = await createServerCaller(shared, same).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    const renewed = await createServerCaller(shared, same).room.openNotes({ slug: 'zuul-planning' });
    // One author, named once a name came, and kept by a later call without one; one colour throughout.
    expect([...pads.authors.values()]).toEqual([{ id: expect.any(String), name: 'Ada' }]);
    expect(named.notes).toMatchObject({ status: 'ready', colour });
    expect(renewed.notes).toMatchObject({ status: 'ready', colour });
  });
});

describe("the session's section in the pad", () => {
  const session = {
    id: '22222222-2222-4222-8222-222222222222',
    title: 'Zuul v5: the road to 1.0',
    agenda: '1. Release plan\n2. Nodepool',
    trackName: 'Zuul',
    chairNames: ['Clark', 'James'],
    chairIds: ['clark', 'james'],
    startsAt: new Date('2026-12-01T14:00:00Z'),
    endsAt: new Date('2026-12-01T15:00:00Z'),
  };
  const inSession = createFakeRoomRepository([{ slug: 'zuul-planning', name: 'Zuul planning', capacity: 50, eventName: 'PTG', eventSlug: 'ptg', session }]);

  it('leaves the notes out of a join that asks so (the room page opens them beside the call)', async () => {
    const pads: FakePadService = createFakePadService();
    const joined = await createServerCaller(deps({ pads, padRecords: createFakePadRepository(), rooms: inSession, now: () => session.startsAt.getTime() })).room.join({
      slug: 'zuul-planning',
      displayName: 'Ada',
      withNotes: false,
    });
    expect(joined.pad).toBeUndefined();
    expect(joined.media.token).not.toBe('');
    expect(pads.pads.size).toBe(0);
  });

  it('is appended once per session, however many people open the room, after the existing text', async () => {
    const pads: FakePadService = createFakePadService();
    const padRecords = createFakePadRepository();
    const shared = deps({ pads, padRecords, rooms: inSession, now: () => session.startsAt.getTime() });
    const opened = await Promise.all(['Ada', 'Grace', 'Lin'].map((name) => createServerCaller(shared).room.join({ slug: 'zuul-planning', displayName: name })));
    const pad = opened[0]!.pad;
    const padId = pad?.status === 'ready' ? pad.padId : '';
    const text = pads.pads.get(padId)!.text;
    expect(text.startsWith('Zuul planning (PTG): meeting notes')).toBe(true);
    expect(text.match(/== Zuul v5: the road to 1\.0 \[Zuul\] ==/g)).toHaveLength(1);
    expect(text).toContain('Chairs: Clark, James');
    expect(text).toContain('1. Release plan\n2. Nodepool');
    expect(padRecords.sections.get(session.id)).toEqual({ padId, revision: 1 });
  });

  it('is tried again at the next opening when Etherpad failed the append', async () => {
    const pads = createFakePadService();
    const padRecords = createFakePadRepository();
    const shared = deps({ pads, padRecords, rooms: inSession, now: () => session.startsAt.getTime() });
    const appendText = pads.appendText;
    pads.appendText = async () => {
      throw new AppError('UNAVAILABLE', { userMessage: 'Etherpad hiccup' });
    };
    await createServerCaller(shared).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(padRecords.sections.size).toBe(0);
    pads.appendText = appendText;
    await createServerCaller(shared).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(padRecords.sections.get(session.id)?.revision).toBe(1);
  });
});

/** The Cookie header a browser sends to `path` from these Set-Cookie lines (name=value of those whose Path covers it). */
function cookiesSentTo(path: string, setCookies: string[]): string {
  return setCookies
    .filter((line) => path.startsWith(/;\s*Path=([^;]+)/i.exec(line)?.[1] ?? '/'))
    .map((line) => line.split(';')[0])
    .join('; ');
}

describe('cookies', () => {
  it("sets the pad session for /pad only, readable by Etherpad's page, keeping the browser's other events' sessions", async () => {
    const responseHeaders = new Headers();
    const pads = createFakePadService();
    const otherEvent = await pads.createSession('g.other', 'a.other', new Date(Date.now() + 60_000));
    const headers = new Headers({ cookie: `padmeet_pad_sessions=${otherEvent}%2Cjunk; other=1` });
    await createServerCaller(deps({ pads }), { headers, responseHeaders }).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    const cookies = responseHeaders.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith('sessionID='))!;
    expect(decodeURIComponent(session.split(';')[0]!)).toBe(`sessionID=s.0000000000000002,${otherEvent}`);
    expect(session).toMatch(/; Path=\/pad; Max-Age=600; SameSite=Lax$/);
    expect(session).not.toMatch(/HttpOnly/);
    // padmeet's API reads the same list from its own copy, which pages' scripts cannot read.
    const copy = cookies.find((cookie) => cookie.startsWith('padmeet_pad_sessions='))!;
    expect(copy.split(';')[0]).toBe(`padmeet_pad_sessions=${session.split(';')[0]!.slice('sessionID='.length)}`);
    expect(copy).toMatch(/; Path=\/api\/trpc; HttpOnly; Max-Age=600; SameSite=Lax$/);
  });

  it("replaces the browser's earlier pass to the same event, in the cookie and in Etherpad (renewals do not pile up)", async () => {
    let now = 0;
    const pads = createFakePadService({ now: () => now });
    const shared = deps({ pads });
    const first = new Headers();
    await createServerCaller(shared, { responseHeaders: first }).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    // What the browser sends to the API: not the /pad cookie, padmeet's copy of it.
    const cookie = cookiesSentTo('/api/trpc/room.openNotes', first.getSetCookie());
    expect(cookie).not.toContain('sessionID=');
    const renewed = new Headers();
    await createServerCaller(shared, { headers: new Headers({ cookie }), responseHeaders: renewed }).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    const ids = decodeURIComponent(renewed.getSetCookie().find((c) => c.startsWith('sessionID='))!.split(';')[0]!.slice('sessionID='.length)).split(',');
    expect(ids).toHaveLength(1);
    expect([...pads.sessions.keys()]).toEqual(ids);

    // A pass to another event that has ended by the next renewal leaves the cookie too.
    const ended = await pads.createSession('g.other', 'a.other', new Date(now + 1_000));
    now = 2_000;
    const withEnded = new Headers({ cookie: `padmeet_pad_sessions=${ids[0]}%2C${ended}` });
    const again = new Headers();
    await createServerCaller(shared, { headers: withEnded, responseHeaders: again }).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(padSessionIdsFromCookie(cookiesSentTo('/pad/p/x', again.getSetCookie()))).toEqual([expect.stringMatching(/^s\.\d{16}$/)]);
  });

  it('gives a guest one identity per browser (HttpOnly), and the same Etherpad author on the next visit', async () => {
    const pads = createFakePadService();
    const first = new Headers();
    await createServerCaller(deps({ pads }), { responseHeaders: first }).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    const guest = first.getSetCookie().find((cookie) => cookie.startsWith('padmeet_guest='))!;
    expect(guest).toMatch(/^padmeet_guest=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Max-Age=31536000; SameSite=Lax$/);
    const again = new Headers();
    await createServerCaller(deps({ pads }), { headers: new Headers({ cookie: guest.split(';')[0]! }), responseHeaders: again }).room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(again.getSetCookie().some((cookie) => cookie.startsWith('padmeet_guest='))).toBe(false);
    expect(pads.authors.size).toBe(1);
    // Another browser is another guest.
    await createServerCaller(deps({ pads }), { responseHeaders: new Headers() }).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(pads.authors.size).toBe(2);
  });

  it('marks cookies Secure when padmeet is served over https', async () => {
    const responseHeaders = new Headers();
    await createServerCaller(deps({ secureCookies: true }), { responseHeaders }).room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(responseHeaders.getSetCookie().every((cookie) => cookie.endsWith('; Secure'))).toBe(true);
  });
});

describe('the join decision, as room.join acts on it', () => {
  const session = {
    id: '33333333-3333-4333-8333-333333333333',
    title: 'Zuul v5',
    agenda: '',
    trackName: 'Zuul',
    chairNames: ['Clark'],
    chairIds: ['clark'],
    startsAt: new Date('2026-12-01T10:00:00Z'),
    endsAt: new Date('2026-12-01T11:00:00Z'),
  };
  const clark = { userId: 'clark', username: 'clark', displayName: 'Clark', role: 'participant' as const };
  const setup = (room: Partial<Parameters<typeof createFakeRoomRepository>[0][number]> = {}) => {
    const requests: JoinTokenRequest[] = [];
    const shared = deps({
      rooms: createFakeRoomRepository([{ slug: 'zuul-planning', name: 'Zuul planning', capacity: 12, eventName: 'PTG', eventSlug: 'ptg', organiserIds: ['org-1'], session, ...room }]),
      now: () => Date.parse('2026-12-01T10:30:00Z'),
      authService: {
        async issueJoinToken(request) {
          requests.push(request);
          return { token: `t${requests.length}`, expiresAt: 1 };
        },
      },
    });
    return { shared, requests };
  };

  it("asks auth for the decision's grants: role in the room, canPublish, the room's capacity, the session's end", async () => {
    const { shared, requests } = setup();
    await createServerCaller(shared).room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    await createServerCaller(shared, { viewer: clark }).room.join({ slug: 'zuul-planning', displayName: 'Clark' });
    expect(requests).toEqual([
      expect.objectContaining({ role: 'guest', canPublish: true, capacity: 12, notAfter: session.endsAt.getTime() }),
      expect.objectContaining({ role: 'chair', canPublish: true, capacity: 12, subject: 'clark' }),
    ]);
  });

  it("refuses everyone but the editors in a draft's rooms, in words the room page shows, before asking auth", async () => {
    const { shared, requests } = setup({ published: false });
    for (const viewer of [null, clark]) {
      const error = await errorOf(createServerCaller(shared, { viewer }).room.join({ slug: 'zuul-planning', displayName: 'Eve' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('This event is not published yet; only its organisers can enter its rooms.');
    }
    expect(requests).toEqual([]);
    await createServerCaller(shared, { viewer: { userId: 'org-1', username: 'olga', role: 'participant' } }).room.join({ slug: 'zuul-planning', displayName: 'Olga' });
    expect(requests).toEqual([expect.objectContaining({ role: 'organiser', canPublish: true })]);
  });
});

describe('rate limits per client address', () => {
  const from = (shared: ApiDeps, address: string) => createServerCaller(shared, { headers: new Headers({ 'x-forwarded-for': address }) });

  it('allows 120 joins a minute from one address, then refuses with the seconds to wait; other addresses go on', async () => {
    let now = 0;
    const shared = deps({ roomLimits: createRoomRateLimits({ now: () => now }) });
    for (let i = 0; i < 120; i += 1) await from(shared, '203.0.113.7').room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    now = 15_000;
    const error = await errorOf(from(shared, '203.0.113.7').room.join({ slug: 'zuul-planning', displayName: 'Ada' }));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toBe('Too many requests to join rooms from your network; try again in 45 seconds.');
    expect((error.cause as AppError).retryAfterSeconds).toBe(45);
    await expect(from(shared, '198.51.100.2').room.join({ slug: 'zuul-planning', displayName: 'Ada' })).resolves.toMatchObject({ media: { token: expect.any(String) } });
    now = 60_001;
    await expect(from(shared, '203.0.113.7').room.join({ slug: 'zuul-planning', displayName: 'Ada' })).resolves.toMatchObject({ media: { token: expect.any(String) } });
  });

  it('counts an IPv6 /64 as one address, and refreshes on a budget of their own', async () => {
    const shared = deps({ roomLimits: createRoomRateLimits({ limits: { join: { limit: 2, windowMs: 60_000 }, refreshMedia: { limit: 1, windowMs: 60_000 } } }) });
    await from(shared, '2001:db8:1:2::1').room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    await from(shared, '2001:db8:1:2::ffff').room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    expect((await errorOf(from(shared, '2001:db8:1:2:3:4:5:6').room.join({ slug: 'zuul-planning', displayName: 'Ada' }))).code).toBe('TOO_MANY_REQUESTS');
    await from(shared, '2001:db8:1:3::1').room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    // Signed in, so the refresh needs no guest cookie.
    const viewer = { userId: 'u-1', username: 'ada', role: 'participant' as const };
    const refresh = () => createServerCaller(shared, { viewer, headers: new Headers({ 'x-forwarded-for': '2001:db8:1:2::1' }) }).room.refreshMedia({ slug: 'zuul-planning', displayName: 'Ada' });
    await expect(refresh()).resolves.toMatchObject({ token: expect.any(String) });
    expect((await errorOf(refresh())).code).toBe('TOO_MANY_REQUESTS');
  });

  it('limits opening notes on a budget of its own, in words that say what was refused', async () => {
    const shared = deps({ roomLimits: createRoomRateLimits({ limits: { join: { limit: 1, windowMs: 60_000 }, openNotes: { limit: 2, windowMs: 60_000 } } }) });
    await from(shared, '203.0.113.9').room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    for (let i = 0; i < 2; i += 1) {
      await expect(from(shared, '203.0.113.9').room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' })).resolves.toMatchObject({ notes: { status: 'ready' } });
    }
    const error = await errorOf(from(shared, '203.0.113.9').room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' }));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/^Too many requests to open notes from your network; try again in \d+ seconds?\.$/);
    await expect(from(shared, '198.51.100.3').room.openNotes({ slug: 'zuul-planning', displayName: 'Ada' })).resolves.toMatchObject({ notes: { status: 'ready' } });
  });
});

describe('room.refreshMedia', () => {
  const member = { userId: 'u-1', username: 'ada', displayName: 'Ada L.', role: 'participant' as const };
  const setup = (state: { published?: boolean; membersOnly?: boolean } = {}) => {
    const requests: JoinTokenRequest[] = [];
    const room = { slug: 'zuul-planning', name: 'Zuul planning', capacity: 8, eventName: 'PTG', eventSlug: 'ptg', organiserIds: ['org-1'], ...state };
    const shared = deps({
      rooms: createFakeRoomRepository([room]),
      authService: {
        async issueJoinToken(request) {
          requests.push(request);
          return { token: `token-${requests.length}`, expiresAt: 600_000 + requests.length };
        },
      },
    });
    return { shared, requests, room };
  };

  it("gives a guest a fresh token for the same room and the same subject (this browser's identity cookie), only the token", async () => {
    const { shared, requests } = setup();
    const joined = new Headers();
    await createServerCaller(shared, { responseHeaders: joined }).room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    const cookie = joined.getSetCookie().find((c) => c.startsWith('padmeet_guest='))!.split(';')[0]!;
    const refreshed = new Headers();
    const out = await createServerCaller(shared, { headers: new Headers({ cookie }), responseHeaders: refreshed }).room.refreshMedia({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(out).toEqual({ token: 'token-2', expiresAt: 600_002 });
    expect(requests[1]).toEqual({ ...requests[0] });
    expect(requests[1]).toMatchObject({ room: 'zuul-planning', role: 'guest', canPublish: true, capacity: 8, subject: expect.stringMatching(/^guest:/) });
    // No new identity, no pad session: the refresh is for the call only.
    expect(refreshed.getSetCookie()).toEqual([]);
  });

  it('gives a signed-in person a token for their account', async () => {
    const { shared, requests } = setup({ membersOnly: true });
    await createServerCaller(shared, { viewer: member }).room.refreshMedia({ slug: 'zuul-planning', displayName: 'Whatever' });
    expect(requests).toEqual([expect.objectContaining({ subject: 'u-1', name: 'Ada L.', role: 'participant', capacity: 8 })]);
  });

  it('refuses a guest whose browser lost its identity, rather than minting a new one', async () => {
    const { shared, requests } = setup();
    const responseHeaders = new Headers();
    const error = await errorOf(createServerCaller(shared, { responseHeaders }).room.refreshMedia({ slug: 'zuul-planning', displayName: 'Ada' }));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/join the room again/);
    expect(responseHeaders.getSetCookie()).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('refuses a person who may no longer enter in the same words as a join (the event went back to draft)', async () => {
    const { shared, requests } = setup({ published: false });
    const joinError = await errorOf(createServerCaller(shared, { viewer: member }).room.join({ slug: 'zuul-planning', displayName: 'Ada' }));
    const refreshError = await errorOf(createServerCaller(shared, { viewer: member }).room.refreshMedia({ slug: 'zuul-planning', displayName: 'Ada' }));
    expect(refreshError.code).toBe('FORBIDDEN');
    expect(refreshError.message).toBe(joinError.message);
    expect(requests).toEqual([]);
  });
});
