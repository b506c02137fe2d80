import { describe, expect, it } from 'vitest';
import type { ModeratedNotification } from '@padmeet/contract';
import { joinTokenRole } from './join-token-expiry';
import { describeModeration, MODERATION_NOTICES_KEPT, withNotice } from './moderation';

const moderated = (action: ModeratedNotification['action'], reason?: string): ModeratedNotification => ({
  type: 'moderated',
  action,
  by: { peerId: 'chair', displayName: 'Carla' },
  target: { peerId: 'pat', displayName: 'Pat' },
  ...(reason ? { reason } : {}),
});

describe('describeModeration', () => {
  it('tells the target who muted their microphone or stopped their share', () => {
    expect(describeModeration(moderated('mute-mic'), 'pat', 1)).toMatchObject({ forMe: true, byMe: false, text: 'Carla muted your microphone.' });
    expect(describeModeration(moderated('stop-screen'), 'pat', 2)).toMatchObject({ forMe: true, text: 'Carla stopped your screen share.' });
  });

  it('tells everyone else who did what to whom, and the moderator that they did it', () => {
    expect(describeModeration(moderated('mute-mic'), 'wes', 1)).toMatchObject({ forMe: false, byMe: false, text: 'Carla muted Pat’s microphone.' });
    expect(describeModeration(moderated('stop-screen'), 'chair', 1)).toMatchObject({ forMe: false, byMe: true, text: 'You stopped Pat’s screen share.' });
    expect(describeModeration(moderated('remove'), 'wes', 1).text).toBe('Carla removed Pat from the room.');
    expect(describeModeration(moderated('remove', 'off topic'), undefined, 1)).toMatchObject({ reason: 'off topic', text: 'Carla removed Pat from the room: “off topic”' });
  });

  it('keeps the newest notices only', () => {
    let notices = withNotice([], describeModeration(moderated('mute-mic'), 'wes', 0));
    for (let id = 1; id < 8; id += 1) notices = withNotice(notices, describeModeration(moderated('mute-mic'), 'wes', id));
    expect(notices.map((notice) => notice.id)).toEqual([3, 4, 5, 6, 7]);
    expect(notices).toHaveLength(MODERATION_NOTICES_KEPT);
  });
});

describe('joinTokenRole (shows the controls; the SFU decides)', () => {
  const token = (payload: Record<string, unknown>) => `h.${btoa(JSON.stringify(payload)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.s`;
  it('reads the room role of a join token, and nothing from a malformed one', () => {
    expect(joinTokenRole(token({ role: 'chair', exp: 1 }))).toBe('chair');
    expect(joinTokenRole(token({ role: 'guest' }))).toBe('guest');
    expect(joinTokenRole(token({ role: 'emperor' }))).toBeUndefined();
    expect(joinTokenRole('not-a-token')).toBeUndefined();
  });
});
