import { addressKey, AppError, createRateLimiter, type RateLimiter } from '@padmeet/util';
import type { ApiContext } from '../context';

/**
 * How often one client address (an IPv6 /64) may ask for a room: generous enough for a venue's
 * shared address at a session's start (hundreds of people behind one NAT joining in the same
 * minutes; each connected browser refreshes its token about every 10 minutes), and a cap on
 * floods, each of which would make Etherpad sessions and sign tokens.
 */
export const ROOM_RATE_LIMITS: Record<'join' | 'refreshMedia' | 'openNotes' | 'searchNotes' | 'exportNotes', { limit: number; windowMs: number }> = {
  /** room.join: 120 a minute per address. */
  join: { limit: 120, windowMs: 60_000 },
  /** room.refreshMedia: 240 a minute per address. */
  refreshMedia: { limit: 240, windowMs: 60_000 },
  /**
   * room.openNotes: 240 a minute per address. Each call asks Etherpad for an author and a session
   * (notes pages opened without the call, and the room page's renewal before a pad session ends).
   */
  openNotes: { limit: 240, windowMs: 60_000 },
  /** notes.search: 120 a minute per address (each is a ranked full-text query over an event's notes; public events need no account). */
  searchNotes: { limit: 120, windowMs: 60_000 },
  /** notes.export: 30 a minute per address (an event's export reads all its sessions' notes, chat and attendance). */
  exportNotes: { limit: 30, windowMs: 60_000 },
};

const WHAT: Record<keyof typeof ROOM_RATE_LIMITS, string> = {
  join: 'to join rooms',
  refreshMedia: 'to join rooms',
  openNotes: 'to open notes',
  searchNotes: 'to search notes',
  exportNotes: 'to download notes',
};

export type RoomRateLimits = Record<keyof typeof ROOM_RATE_LIMITS, RateLimiter>;

/** The limiters of one web process (the app builds them once, with its dependencies). */
export function createRoomRateLimits(options: { now?: () => number; limits?: Partial<typeof ROOM_RATE_LIMITS> } = {}): RoomRateLimits {
  const limits = { ...ROOM_RATE_LIMITS, ...options.limits };
  const limiter = (kind: keyof typeof ROOM_RATE_LIMITS) => createRateLimiter({ ...limits[kind], now: options.now });
  return {
    join: limiter('join'),
    refreshMedia: limiter('refreshMedia'),
    openNotes: limiter('openNotes'),
    searchNotes: limiter('searchNotes'),
    exportNotes: limiter('exportNotes'),
  };
}

/** Counts one request of `kind` from the caller's address; RATE_LIMITED, with the seconds to wait, beyond the limit. */
export function limitRoomRequest(ctx: Pick<ApiContext, 'roomLimits' | 'clientIp'>, kind: keyof RoomRateLimits): void {
  const decision = ctx.roomLimits[kind].consume(addressKey(ctx.clientIp));
  if (decision.allowed) return;
  const wait = decision.retryAfterSeconds;
  throw new AppError('RATE_LIMITED', {
    userMessage: `Too many requests ${WHAT[kind]} from your network; try again in ${wait} second${wait === 1 ? '' : 's'}.`,
    retryAfterSeconds: wait,
  });
}
