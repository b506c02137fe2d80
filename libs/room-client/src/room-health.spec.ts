import { describe, expect, it } from 'vitest';
import { describeRoomHealth } from './room-health';

describe('describeRoomHealth', () => {
  it('says nothing when the room is fine or nothing was said', () => {
    expect(describeRoomHealth(undefined)).toBeNull();
    expect(describeRoomHealth({ type: 'roomHealth', level: 'ok', reasons: [], loss: 0.01, cpu: 0.2 })).toBeNull();
  });

  it('names each figure past its threshold and what helps', () => {
    expect(describeRoomHealth({ type: 'roomHealth', level: 'warning', reasons: ['loss'], loss: 0.074, cpu: 0.3 })).toBe(
      "Room health: 7 % of the room's media packets are being lost. Video may freeze or drop; asking people to switch cameras off, or to stop a screen share, helps.",
    );
    expect(describeRoomHealth({ type: 'roomHealth', level: 'warning', reasons: ['loss', 'cpu'], loss: 0.1, cpu: 0.93 })).toMatch(
      /^Room health: 10 % of the room's media packets are being lost, and the media server's CPU is at 93 %\./,
    );
  });
});
