import { etherpadProxy } from '../../../server/etherpad-proxy';

/**
 * Etherpad served on the web app's own origin (/pad/...), so the pad embedded
 * beside the video keeps its cookies: Chromium rejects Etherpad 1.8's cookies in
 * a cross-origin iframe over http. Used unless ETHERPAD_PUBLIC_URL is set.
 */
export const dynamic = 'force-dynamic';

const handler = (request: Request) => etherpadProxy(request);

export { handler as GET, handler as POST, handler as HEAD };
