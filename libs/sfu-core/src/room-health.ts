import type { Role, RoomHealthLevel, RoomHealthReason } from '@padmeet/contract';

/** When a room warns its moderators: packet loss in the room, or the machine's CPU, past these. */
export interface RoomHealthThresholds {
  /** Share of packets lost in the room over the last sample (0-1); default 0.05 (5 %). */
  loss: number;
  /** Busy share of the machine's CPU over the last sample (0-1); default 0.85. */
  cpu: number;
}

export const DEFAULT_ROOM_HEALTH_THRESHOLDS: RoomHealthThresholds = { loss: 0.05, cpu: 0.85 };

/**
 * A warning clears only once its figure falls below this share of the threshold, so a figure
 * hovering around the threshold does not make the warning flicker on and off.
 */
export const ROOM_HEALTH_CLEAR_RATIO = 0.8;

export interface RoomHealthAssessment {
  level: RoomHealthLevel;
  reasons: RoomHealthReason[];
}

/**
 * The room's health from one sample: `warning` with the reasons whose figure is past its
 * threshold, or (when the previous assessment already warned for it) still above
 * `ROOM_HEALTH_CLEAR_RATIO` of it; otherwise `ok`. Figures that are not numbers count as fine.
 */
export function assessRoomHealth(
  figures: { loss: number; cpu: number },
  thresholds: RoomHealthThresholds,
  previous: readonly RoomHealthReason[] = [],
): RoomHealthAssessment {
  const past = (reason: RoomHealthReason): boolean => {
    const value = figures[reason];
    if (!Number.isFinite(value)) return false;
    const limit = thresholds[reason];
    return previous.includes(reason) ? value >= limit * ROOM_HEALTH_CLEAR_RATIO : value >= limit;
  };
  const reasons = (['loss', 'cpu'] as const).filter(past);
  return { level: reasons.length > 0 ? 'warning' : 'ok', reasons };
}

/** Who is told about the room's health: its chair, the event's organisers, admins (their role in the room, from the join token). */
export function seesRoomHealth(role: Role): boolean {
  return role === 'admin' || role === 'organiser' || role === 'chair';
}
