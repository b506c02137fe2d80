import type { ModeratedNotification, ModerationAction } from '@padmeet/contract';

/** One thing a moderator did, as this page tells it. */
export interface ModerationNotice {
  /** Increasing per page, for React keys and dismissal. */
  id: number;
  action: ModerationAction;
  byName: string;
  targetName: string;
  /** This person was the target (their microphone, their share). */
  forMe: boolean;
  /** This person did it. */
  byMe: boolean;
  reason: string | undefined;
  /** The sentence shown to this person. */
  text: string;
}

/** The words for a `moderated` notification, seen by `selfPeerId` (the target, the moderator or anyone else). */
export function describeModeration(notification: ModeratedNotification, selfPeerId: string | undefined, id: number): ModerationNotice {
  const forMe = notification.target.peerId === selfPeerId;
  const byMe = notification.by.peerId === selfPeerId;
  const by = byMe ? 'You' : notification.by.displayName;
  const whose = forMe ? 'your' : `${notification.target.displayName}’s`;
  const text =
    notification.action === 'mute-mic'
      ? `${by} muted ${whose} microphone.`
      : notification.action === 'stop-screen'
        ? `${by} stopped ${whose} screen share.`
        : `${by} removed ${forMe ? 'you' : notification.target.displayName} from the room${notification.reason ? `: “${notification.reason}”` : '.'}`;
  return {
    id,
    action: notification.action,
    byName: notification.by.displayName,
    targetName: notification.target.displayName,
    forMe,
    byMe,
    reason: notification.reason,
    text,
  };
}

/** How many moderation notices a page keeps (the newest). */
export const MODERATION_NOTICES_KEPT = 5;

/** Adds a notice, keeping the newest few. */
export function withNotice(notices: readonly ModerationNotice[], notice: ModerationNotice): ModerationNotice[] {
  return [...notices, notice].slice(-MODERATION_NOTICES_KEPT);
}
