'use client';

import { useMutation } from '@tanstack/react-query';
import { personColour, type RaisedHand } from '@padmeet/contract';
import { useTRPC } from '../../../trpc/client';
import { useRoomEvent, type RoomPanelProps } from './chat-panel';
import { useRoomActivity } from './room-activity';

/**
 * The room's raised hands (issue 11): a queue in the order hands went up, the same for everyone
 * in the room (stored per session: a reload keeps the order). Everyone raises and lowers their own
 * hand; the room's moderators (the running session's chair, the event's organisers, admins) see
 * the queue first and lower anyone's, or all. The server decides every change.
 */
export function HandsPanel({ slug, displayName }: RoomPanelProps) {
  const trpc = useTRPC();
  const eventSlug = useRoomEvent(slug);
  const { hands, you, live, closed } = useRoomActivity(eventSlug, slug);
  const raise = useMutation(trpc.roomActivity.raiseHand.mutationOptions());
  const lower = useMutation(trpc.roomActivity.lowerHand.mutationOptions());
  const lowerAll = useMutation(trpc.roomActivity.lowerAllHands.mutationOptions());
  const queue = hands?.hands ?? [];
  const moderator = you?.moderator ?? false;
  const mine = you?.subject ? queue.some((hand) => hand.subject === you.subject) : false;
  const error = raise.error ?? lower.error ?? lowerAll.error;
  const busy = raise.isPending || lower.isPending || lowerAll.isPending;

  const own = (
    <button
      type="button"
      data-testid="raise-hand"
      aria-pressed={mine}
      disabled={busy || !live || !you?.subject}
      onClick={() => (mine && you?.subject ? lower.mutate({ slug, subject: you.subject }) : raise.mutate({ slug, displayName }))}
    >
      {mine ? 'Lower my hand' : 'Raise hand'}
    </button>
  );

  const list = (
    <div
      data-testid="hands-queue"
      style={moderator ? { border: '2px solid #b8860b', borderRadius: 6, padding: '0.5rem', background: 'rgba(184, 134, 11, 0.08)' } : undefined}
    >
      <h3 style={{ fontSize: moderator ? '1.05rem' : '0.95rem', margin: '0 0 0.25rem' }} aria-live="polite">
        {queue.length === 0 ? 'No hands raised' : `${queue.length} hand${queue.length === 1 ? '' : 's'} raised`}
      </h3>
      {queue.length > 0 && (
        <ol style={{ margin: 0, paddingLeft: '1.5rem' }}>
          {queue.map((hand: RaisedHand) => {
            const isMine = hand.subject === you?.subject;
            return (
              <li key={hand.subject} data-testid="hand" data-subject={hand.subject} style={{ margin: '0.25rem 0' }}>
                <span aria-hidden="true" style={{ display: 'inline-block', width: '0.7rem', height: '0.7rem', borderRadius: '50%', background: personColour(hand.subject), marginRight: '0.4rem' }} />
                <span data-testid="hand-name">{hand.name}</span>
                {isMine && <span className="muted"> (you)</span>}
                {(moderator || isMine) && (
                  <button
                    type="button"
                    className="secondary"
                    style={{ marginLeft: '0.5rem', padding: '0.1rem 0.5rem' }}
                    aria-label={isMine ? 'Lower my hand' : `Lower ${hand.name}'s hand`}
                    disabled={busy}
                    onClick={() => lower.mutate({ slug, subject: hand.subject })}
                  >
                    Lower
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {moderator && queue.length > 0 && (
        <button type="button" className="secondary" style={{ marginTop: '0.5rem' }} disabled={busy} onClick={() => lowerAll.mutate({ slug })}>
          Lower all hands
        </button>
      )}
    </div>
  );

  return (
    <section aria-label="Raised hands" data-testid="hands-panel" data-live={live ? 'yes' : 'no'} style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
      <h2 style={{ fontSize: '1rem', margin: 0 }}>Raised hands{hands && hands.sessionId === null ? <span className="muted"> · between sessions</span> : null}</h2>
      {closed && (
        <p className="error" role="alert">
          Raised hands are not connected (were you signed out, or is the room closed to you?); trying again…
        </p>
      )}
      {/* The chair sees the queue first; everyone else their own button first. */}
      {moderator ? (
        <>
          {list}
          {own}
        </>
      ) : (
        <>
          {own}
          {list}
        </>
      )}
      {error && (
        <p className="error" role="alert" data-testid="hands-error">
          {error.message}
        </p>
      )}
    </section>
  );
}
