import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SFU_CLOSE_CODES, type JoinClaims } from '@padmeet/contract';
import { createLogger } from '@padmeet/util';
import { ConnectionLimits } from './connection-limits';
import type { RoomRegistry } from './room-registry';
import { PeerSession } from './session';
import { recordingLink } from './testing/fakes';

const logger = createLogger({ name: 'test', level: 'silent' });
const T0 = Date.UTC(2026, 10, 30, 15, 0, 0);
const claims = (expSeconds: number, jti = 'j1'): JoinClaims => ({
  room: 'r1',
  name: 'Ada',
  role: 'participant',
  canPublish: true,
  sub: 'ada',
  iat: T0 / 1000,
  exp: T0 / 1000 + expSeconds,
  jti,
});

function session(expSeconds: number) {
  const link = recordingLink();
  const limits = new ConnectionLimits();
  const result = new PeerSession({ claims: claims(expSeconds), registry: {} as RoomRegistry, limits, link, logger });
  return { session: result, link, limits };
}

describe('PeerSession token expiry', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('ends the connection at the token’s expiry with token-expired and close code 4401', () => {
    const { link } = session(60);
    vi.advanceTimersByTime(59_999);
    expect(link.ended).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(link.ended).toEqual([{ reason: 'token-expired', code: SFU_CLOSE_CODES.tokenExpired }]);
    expect(link.inbox).toEqual([{ type: 'sessionEnded', reason: 'token-expired', message: expect.stringMatching(/expired/) }]);
  });

  it('moves the deadline on refresh, and stops it when the socket closes', () => {
    const { session: peerSession, link, limits } = session(60);
    vi.advanceTimersByTime(30_000);
    peerSession.refresh(claims(600, 'j2'));
    expect(peerSession.expiresAt).toBe(T0 + 600_000);
    vi.advanceTimersByTime(500_000);
    expect(link.ended).toEqual([]);
    peerSession.admit();
    expect(limits.count().holders).toBe(1);
    peerSession.dispose();
    expect(limits.count().holders).toBe(0);
    vi.advanceTimersByTime(1_000_000);
    expect(link.ended).toEqual([]);
  });

  it('ends a connection whose token is already past expiry at once', () => {
    const { link } = session(-1);
    vi.advanceTimersByTime(0);
    expect(link.ended).toHaveLength(1);
  });
});
