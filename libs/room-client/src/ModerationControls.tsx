'use client';

import { createContext, useContext, useEffect, useRef, useState, type CSSProperties, type ReactNode, type SyntheticEvent } from 'react';
import { canModerate, MODERATION_REASON_MAX, moderationRefusal, type ModerationAction, type Role } from '@padmeet/contract';
import type { MediaSession, MediaSessionState, RemotePeer } from './media-session';
import type { ModerationNotice } from './moderation';

/** How long a notice about someone else stays on screen. */
const NOTICE_MS = 15_000;

const styles = {
  controls: { position: 'absolute', right: 6, bottom: 6, display: 'flex', gap: 4, flexWrap: 'wrap', justifyContent: 'flex-end', maxWidth: '70%' },
  button: { fontSize: 12, padding: '2px 8px' },
  // A small tile cannot hold the confirm: it covers the page (fixed, outside the tile's clipping).
  backdrop: { position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.55)', display: 'grid', placeItems: 'center', zIndex: 1000, cursor: 'default' },
  confirm: { background: '#1d1d1f', color: '#fff', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8, padding: 16, width: 'min(90vw, 26rem)', fontSize: 14 },
  error: { position: 'absolute', left: 6, right: 6, top: 6, background: '#b3261e', color: '#fff', borderRadius: 4, padding: '2px 6px', fontSize: 12 },
  notices: { display: 'flex', flexDirection: 'column', gap: 4 },
  notice: { margin: 0, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' },
  mine: { border: '1px solid #b3261e', borderRadius: 6, padding: '0.3rem 0.6rem' },
} satisfies Record<string, CSSProperties>;

const stop = (event: SyntheticEvent) => event.stopPropagation();

const LABELS: Record<ModerationAction, string> = { 'mute-mic': 'Muting', 'stop-screen': 'Stopping the share of', remove: 'Removing' };

/**
 * A moderator's controls on someone's tile: mute their microphone, stop their screen share, and
 * remove them (after a confirm, with an optional reason they will read). Shown only to people whose
 * join token makes them a moderator; the SFU checks every action again.
 */
export function ModerationControls({ session, peer, role }: { session: MediaSession | undefined; peer: RemotePeer; role: Role }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const act = async (action: ModerationAction, why?: string) => {
    if (!session) return;
    setBusy(true);
    setError(undefined);
    try {
      await session.moderate(action, peer.peerId, why?.trim() || undefined);
      setConfirming(false);
    } catch (failure) {
      setError(`${LABELS[action]} ${peer.displayName} failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  const mic = peer.media.mic;
  // Only someone of lower standing can be removed (a chair cannot remove an organiser); the SFU checks again.
  const removable = moderationRefusal({ peerId: '', role }, { peerId: peer.peerId, role: peer.role }, 'remove') === undefined;
  return (
    // The tile selects itself on click; clicks on the controls stay here.
    <div onClick={stop} onKeyDown={stop}>
      <div style={styles.controls} role="group" aria-label={`Moderate ${peer.displayName}`} data-testid="moderation-controls" data-peer-name={peer.displayName}>
        {mic && !mic.muted && (
          <button type="button" className="secondary" style={styles.button} disabled={busy} data-testid="moderate-mute" aria-label={`Mute ${peer.displayName}`} onClick={() => void act('mute-mic')}>
            Mute
          </button>
        )}
        {peer.media.screen && (
          <button type="button" className="secondary" style={styles.button} disabled={busy} data-testid="moderate-stop-screen" aria-label={`Stop ${peer.displayName}'s screen share`} onClick={() => void act('stop-screen')}>
            Stop share
          </button>
        )}
        {removable && (
          <button type="button" className="secondary" style={styles.button} disabled={busy} data-testid="moderate-remove" aria-label={`Remove ${peer.displayName}…`} onClick={() => setConfirming(true)}>
            Remove…
          </button>
        )}
      </div>
      {confirming && (
        <div style={styles.backdrop}>
        <form
          style={styles.confirm}
          role="dialog"
          aria-modal="true"
          aria-label={`Remove ${peer.displayName}`}
          data-testid="moderate-remove-dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void act('remove', reason);
          }}
        >
          <span>
            Remove <strong>{peer.displayName}</strong> from the room? They cannot come back during this session.
          </span>
          <input
            type="text"
            autoFocus
            aria-label="Reason (shown to them)"
            placeholder="Reason (optional, shown to them)"
            maxLength={MODERATION_REASON_MAX}
            value={reason}
            onChange={(event) => setReason(event.target.value.replace(/[\p{Cc}]/gu, ' '))}
            data-testid="moderate-remove-reason"
          />
          <span style={{ display: 'flex', gap: 6 }}>
            <button type="submit" disabled={busy} data-testid="moderate-remove-confirm">
              Remove
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)} data-testid="moderate-remove-cancel">
              Cancel
            </button>
          </span>
          {error && (
            <span role="alert" data-testid="moderation-error">
              {error}
            </span>
          )}
        </form>
        </div>
      )}
      {error && !confirming && (
        <span style={styles.error} role="alert" data-testid="moderation-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** One notice: someone else's fades after a while; the person's own ("… muted your microphone") stays until dismissed or unmuted. */
function Notice({ notice, state, session, onDismiss }: { notice: ModerationNotice; state: MediaSessionState; session: MediaSession | undefined; onDismiss: () => void }) {
  const lasting = notice.forMe;
  const dismiss = useRef(onDismiss);
  dismiss.current = onDismiss;
  useEffect(() => {
    if (lasting) return;
    const timer = setTimeout(() => dismiss.current(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [lasting]);
  const unmute = notice.forMe && notice.action === 'mute-mic' && !state.micOn && state.local.mic !== undefined;
  return (
    <p style={{ ...styles.notice, ...(notice.forMe ? styles.mine : {}) }} role="status" data-testid="moderation-notice" data-action={notice.action} data-for-me={notice.forMe}>
      <span>{notice.text}</span>
      {unmute && (
        <button type="button" data-testid="moderation-unmute" onClick={() => void session?.setMic(true).then(onDismiss)}>
          Unmute
        </button>
      )}
      <button type="button" className="secondary" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}

/** What moderators did in the room, for everyone: "Carla muted Pat's microphone", "Carla muted your microphone" with Unmute. */
export function ModerationNotices() {
  const scope = useContext(ModerationContext);
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set());
  if (!scope) return null;
  const { session, state } = scope;
  const shown = state.moderation.filter((notice) => !dismissed.has(notice.id));
  if (shown.length === 0) return null;
  return (
    <div style={styles.notices} aria-live="polite" data-testid="moderation-notices">
      {shown.map((notice) => (
        <Notice key={notice.id} notice={notice} state={state} session={session} onDismiss={() => setDismissed((before) => new Set(before).add(notice.id))} />
      ))}
    </div>
  );
}

const ModerationContext = createContext<{ session: MediaSession | undefined; state: MediaSessionState } | undefined>(undefined);

/** Gives the tiles and notices inside it the call's session and state (RoomMedia wraps its call in it). */
export function ModerationScope({ session, state, children }: { session: MediaSession | undefined; state: MediaSessionState; children: ReactNode }) {
  return <ModerationContext.Provider value={{ session, state }}>{children}</ModerationContext.Provider>;
}

/** A tile's moderation controls, for moderators only (the role in this person's join token). */
export function TileModeration({ peer }: { peer: RemotePeer }) {
  const scope = useContext(ModerationContext);
  if (!scope?.state.role || !canModerate(scope.state.role)) return null;
  return <ModerationControls session={scope.session} peer={peer} role={scope.state.role} />;
}
