import type { RoomHealth } from '@padmeet/contract';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The chair's warning in words, or null when the room is fine (or nothing was said): what is too
 * high and what the chair can do about it.
 */
export function describeRoomHealth(health: RoomHealth | undefined): string | null {
  if (!health || health.level !== 'warning' || health.reasons.length === 0) return null;
  const parts: string[] = [];
  if (health.reasons.includes('loss')) parts.push(`${percent(health.loss)} of the room's media packets are being lost`);
  if (health.reasons.includes('cpu')) parts.push(`the media server's CPU is at ${percent(health.cpu)}`);
  return `Room health: ${parts.join(', and ')}. Video may freeze or drop; asking people to switch cameras off, or to stop a screen share, helps.`;
}
