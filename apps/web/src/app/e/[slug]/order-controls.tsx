'use client';

import type { ReactNode } from 'react';
import styles from './schedule.module.css';

/**
 * One row of an ordered list (rooms: the grid's columns; tracks: the filter),
 * with "move up" and "move down" beside it. The whole new order goes to the
 * server, which refuses it if the list changed meanwhile.
 */
export function OrderedRow({
  index,
  count,
  label,
  busy,
  onMove,
  children,
}: {
  index: number;
  count: number;
  /** What moves, for screen readers: "Move <label> up". */
  label: string;
  busy: boolean;
  onMove: (from: number, to: number) => void;
  children: ReactNode;
}) {
  return (
    <div className={styles.ordered} data-testid="ordered-row">
      <div className={styles.orderButtons}>
        <button type="button" className="secondary" aria-label={`Move ${label} up`} title="Move up" disabled={busy || index === 0} onClick={() => onMove(index, index - 1)}>
          ↑
        </button>
        <button type="button" className="secondary" aria-label={`Move ${label} down`} title="Move down" disabled={busy || index === count - 1} onClick={() => onMove(index, index + 1)}>
          ↓
        </button>
      </div>
      {children}
    </div>
  );
}
