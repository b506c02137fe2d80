'use client';

/**
 * The room's chat (issue 11). The room page places this panel (a side tab on wide screens, a tab
 * of its own on phones); everything inside it is this file's. Integration seam: the chat itself
 * is being built; until then the panel says so.
 */
export interface RoomPanelProps {
  /** The room's slug. */
  slug: string;
  /** The name this person joined under (pseudonym or account name). */
  displayName: string;
}

export function ChatPanel(_props: RoomPanelProps) {
  return (
    <section aria-label="Chat" data-testid="chat-panel">
      <p className="muted">Chat is not available in this room yet.</p>
    </section>
  );
}
