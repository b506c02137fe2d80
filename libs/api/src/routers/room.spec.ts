import { describe, expect, it } from 'vitest';
import { createFakeRoomRepository } from '@padmeet/data/testing';
import { AppError, createLogger } from '@padmeet/util';
import type { ApiDeps } from '../context';
import { createServerCaller } from '../server';
import { errorOf } from '../testing/harness';

const rooms = createFakeRoomRepository([{ slug: 'zuul-planning', name: 'Zuul planning', capacity: 50, eventName: 'PTG', eventSlug: 'ptg' }]);

function deps(overrides: Partial<ApiDeps> = {}): ApiDeps {
  const created: string[] = [];
  return {
    rooms,
    // Not used by the room procedures.
    schedule: {} as ApiDeps['schedule'],
    pads: {
      async ensurePad(id) {
        created.push(id);
        return { created: true };
      },
      padUrl: (id) => `http://pads.example/p/${id}`,
    },
    authService: {
      async issueJoinToken(request) {
        return { token: `token-for-${request.room}-${request.name}`, expiresAt: 123 };
      },
    },
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

  it('joins: pad named after the room, a join token and the SFU URL', async () => {
    const out = await createServerCaller(deps()).room.join({ slug: 'zuul-planning', displayName: ' Ada ' });
    expect(out.pad).toEqual({ status: 'ready', id: 'zuul-planning', url: 'http://pads.example/p/zuul-planning' });
    expect(out.media).toEqual({ url: 'ws://sfu.example/ws', token: 'token-for-zuul-planning-Ada', expiresAt: 123 });
  });

  it('still joins the video when Etherpad is down, saying so', async () => {
    const pads = {
      ensurePad: async () => {
        throw new AppError('UNAVAILABLE', { userMessage: 'Etherpad is down' });
      },
      padUrl: () => 'unused',
    };
    const out = await createServerCaller(deps({ pads })).room.join({ slug: 'zuul-planning', displayName: 'Ada' });
    expect(out.pad).toEqual({ status: 'unavailable', id: 'zuul-planning', message: 'Etherpad is down' });
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
        rooms: createFakeRoomRepository([{ slug: 'zuul-planning', name: 'Zuul planning', capacity: 50, eventName: 'PTG', eventSlug: 'ptg', sessionEndsAt }]),
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
