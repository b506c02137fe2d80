'use client';

import type { ReactNode } from 'react';
import { moved } from './order';
import styles from './schedule.module.css';

/**
 * An ordered list (rooms: the grid's columns; tracks: the filter), each row
 * with "move up" and "move down" beside it. A move sends the whole new order,
 * which the server refuses if the list changed meanwhile.
 */
export function OrderedList<T extends { id: string; name: string }>({
  items,
  busy,
  onReorder,
  children,
}: {
  items: readonly T[];
  busy: boolean;
  onReorder: (ids: string[]) => void;
  children: (item: T) => ReactNode;
}) {
  const ids = items.map((item) => item.id);
  const move = (from: number, to: number) => onReorder(moved(ids, from, to));
  return items.map((item, index) => (
    <div key={item.id} className={styles.ordered} data-testid="ordered-row">
      <div className={styles.orderButtons}>
        <button type="button" className="secondary" aria-label={`Move ${item.name} up`} title="Move up" disabled={busy || index === 0} onClick={() => move(index, index - 1)}>
          ↑
        </button>
        <button type="button" className="secondary" aria-label={`Move ${item.name} down`} title="Move down" disabled={busy || index === items.length - 1} onClick={() => move(index, index + 1)}>
          ↓
        </button>
      </div>
      {children(item)}
    </div>
  ));
}
