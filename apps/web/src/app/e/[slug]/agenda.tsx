'use client';

import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import styles from './schedule.module.css';

/** Links in an agenda lead elsewhere: a new tab, no referrer, no ranking given. */
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
};

/**
 * A session's agenda as its chair wrote it (Markdown with GitHub's additions:
 * lists, task lists, tables, bare links). HTML in it is shown as text, never
 * run, and `javascript:` links are emptied (react-markdown's defaults).
 * Loaded only when someone opens a session's details.
 */
export default function Agenda({ text }: { text: string }) {
  return (
    <div className={styles.agenda} data-testid="agenda">
      <Markdown remarkPlugins={[remarkGfm]} components={components}>
        {text}
      </Markdown>
    </div>
  );
}
