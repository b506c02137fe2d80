/** padmeet's own answers where Etherpad would otherwise show its raw errors. */

const style =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem;color:#1d2a24;background:#f7f8f6}main{max-width:32rem}a{color:#2f6f4f}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${style}</style></head><body><main>${body}</main></body></html>`;
}

/** A pad the browser has no Etherpad session for (or one that expired). `roomSlug` is validated by route.ts. */
export function deniedPage(roomSlug: string): string {
  return page(
    'These notes need a pass',
    `<h1>These notes are not open to you yet</h1><p data-testid="pad-denied">padmeet opens a room's notes for people who may read them: anyone for public events, members for members-only events, the organisers for drafts. Your pass for these notes is missing or has expired.</p><p><a href="/r/${roomSlug}/notes" target="_top">Open the notes of this room through padmeet</a> (you may be asked to sign in).</p>`,
  );
}

export function unavailablePage(): string {
  return page(
    'Notes unavailable',
    '<h1>The notes server is not reachable right now</h1><p data-testid="pad-unavailable">The video room still works. The notes come back by themselves once the notes server (Etherpad) answers again.</p>',
  );
}
