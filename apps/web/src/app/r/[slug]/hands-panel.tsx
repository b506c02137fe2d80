'use client';

import type { RoomPanelProps } from './chat-panel';

/**
 * The room's people and raised hands (issue 11). The room page places this panel (a side tab on
 * wide screens, a tab of its own on phones); everything inside it is this file's. Integration
 * seam: the hands queue is being built; until then the panel says so.
 */
export function HandsPanel(_props: RoomPanelProps) {
  return (
    <section aria-label="Raised hands" data-testid="hands-panel">
      <p className="muted">Raised hands are not available in this room yet.</p>
    </section>
  );
}
