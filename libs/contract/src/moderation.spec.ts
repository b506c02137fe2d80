import { describe, expect, it } from 'vitest';
import type { Role } from './join-token';
import { roleSchema } from './join-token';
import {
  canModerate,
  moderationActionSchema,
  moderationRefusal,
  signalingNotificationSchema,
  signalingRequestSchema,
} from './signaling';

const roles = roleSchema.options;
const actions = moderationActionSchema.options;

describe('canModerate (the room role in the join token)', () => {
  it.each<[Role, boolean]>([
    ['admin', true],
    ['organiser', true],
    ['chair', true],
    ['participant', false],
    ['guest', false],
    ['ticketmaster', false],
  ])('%s → %s', (role, expected) => {
    expect(canModerate(role)).toBe(expected);
  });
});

describe('moderationRefusal', () => {
  it('refuses every action of a non-moderator, whoever the target', () => {
    for (const actor of roles.filter((role) => !canModerate(role))) {
      for (const target of roles) {
        for (const action of actions) {
          expect(moderationRefusal({ peerId: 'a', role: actor }, { peerId: 'b', role: target }, action)).toMatch(/chair or the event's organisers/);
        }
      }
    }
  });

  it('refuses a moderator acting on their own connection', () => {
    expect(moderationRefusal({ peerId: 'a', role: 'chair' }, { peerId: 'a', role: 'chair' }, 'mute-mic')).toMatch(/your own controls/);
    expect(moderationRefusal({ peerId: 'a', role: 'admin' }, { peerId: 'a', role: 'admin' }, 'stop-screen')).toMatch(/your own controls/);
    expect(moderationRefusal({ peerId: 'a', role: 'organiser' }, { peerId: 'a', role: 'organiser' }, 'remove')).toMatch(/Leave/);
  });

  it('lets a moderator mute and stop the share of anyone else, moderators included', () => {
    for (const actor of roles.filter(canModerate)) {
      for (const target of roles) {
        expect(moderationRefusal({ peerId: 'a', role: actor }, { peerId: 'b', role: target }, 'mute-mic')).toBeUndefined();
        expect(moderationRefusal({ peerId: 'a', role: actor }, { peerId: 'b', role: target }, 'stop-screen')).toBeUndefined();
      }
    }
  });

  it.each<[Role, Role, boolean]>([
    ['chair', 'guest', true],
    ['chair', 'participant', true],
    ['chair', 'ticketmaster', true],
    ['chair', 'chair', false],
    ['chair', 'organiser', false],
    ['chair', 'admin', false],
    ['organiser', 'chair', true],
    ['organiser', 'organiser', false],
    ['organiser', 'admin', false],
    ['admin', 'organiser', true],
    ['admin', 'admin', false],
  ])('a %s removing a %s: allowed %s (only someone of lower standing)', (actor, target, allowed) => {
    const refusal = moderationRefusal({ peerId: 'a', role: actor }, { peerId: 'b', role: target }, 'remove');
    if (allowed) expect(refusal).toBeUndefined();
    else expect(refusal).toMatch(/same as or above yours/);
  });
});

describe('moderation messages', () => {
  it('parses a moderate request with an optional one-line reason of at most 200 characters', () => {
    expect(signalingRequestSchema.parse({ id: 1, type: 'moderate', action: 'remove', peerId: 'p', reason: '  off topic ' })).toEqual({
      id: 1,
      type: 'moderate',
      action: 'remove',
      peerId: 'p',
      reason: 'off topic',
    });
    expect(signalingRequestSchema.parse({ id: 2, type: 'moderate', action: 'mute-mic', peerId: 'p' })).toEqual({ id: 2, type: 'moderate', action: 'mute-mic', peerId: 'p' });
    expect(signalingRequestSchema.safeParse({ id: 3, type: 'moderate', action: 'ban', peerId: 'p' }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 4, type: 'moderate', action: 'remove', peerId: '' }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 5, type: 'moderate', action: 'remove', peerId: 'p', reason: 'x'.repeat(201) }).success).toBe(false);
    expect(signalingRequestSchema.safeParse({ id: 6, type: 'moderate', action: 'remove', peerId: 'p', reason: 'two\nlines' }).success).toBe(false);
  });

  it('parses the moderated notification and a producerPaused that names the moderator', () => {
    const moderated = { type: 'moderated', action: 'mute-mic', by: { peerId: 'c', displayName: 'Chair' }, target: { peerId: 'p', displayName: 'Pat' } };
    expect(signalingNotificationSchema.parse(moderated)).toEqual(moderated);
    expect(signalingNotificationSchema.safeParse({ ...moderated, by: { peerId: 'c' } }).success).toBe(false);
    const paused = { type: 'producerPaused', peerId: 'p', producerId: 'm', source: 'mic', byPeerId: 'c' };
    expect(signalingNotificationSchema.parse(paused)).toEqual(paused);
    expect(signalingNotificationSchema.parse({ type: 'sessionEnded', reason: 'removed', message: 'Chair removed you.' })).toMatchObject({ reason: 'removed' });
  });
});
