import type { RoomHealth } from '@padmeet/contract';
import { describeRoomHealth } from './room-health';

/**
 * The chair's room-level warning: shown to the room's moderators (the SFU sends `roomHealth` to
 * them only) while packet loss in the room or the media server's CPU is past its threshold.
 */
export function RoomHealthWarning({ health }: { health: RoomHealth | undefined }) {
  const text = describeRoomHealth(health);
  if (!text) return null;
  return (
    // A polite live region: the chair hears it without it cutting into what a screen reader is saying.
    <p role="status" aria-live="polite" className="error" data-testid="room-health-warning" data-reasons={health?.reasons.join(' ')} style={{ margin: 0 }}>
      {text}
    </p>
  );
}
