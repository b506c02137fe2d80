/**
 * A chat message as the room shows it: plain text, with http(s) addresses as links. The text is
 * only ever rendered as text nodes (never HTML); a link's href is an http(s) URL the URL parser
 * accepted, nothing else (no javascript:, data:, or relative links).
 */
export type ChatPiece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** http:// or https:// up to whitespace or a character that cannot sit in an address as typed. */
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.org/a."). */
const TRAILING = /[.,;:!?'")\]}]+$/;

function linkOf(candidate: string): { href: string; text: string; rest: string } | null {
  let text = candidate;
  let rest = '';
  const trailing = TRAILING.exec(text);
  if (trailing) {
    // Keep a closing parenthesis that closes one opened inside the address (Wikipedia-style links).
    let cut = trailing[0];
    if (cut.startsWith(')') && (text.match(/\(/g)?.length ?? 0) > (text.slice(0, -cut.length).match(/\)/g)?.length ?? 0)) cut = cut.slice(1);
    text = text.slice(0, text.length - cut.length);
    rest = cut;
  }
  try {
    const url = new URL(text);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
    return { href: url.href, text, rest };
  } catch {
    return null;
  }
}

export function splitLinks(message: string): ChatPiece[] {
  const pieces: ChatPiece[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.text += text;
    else pieces.push({ kind: 'text', text });
  };
  let at = 0;
  for (const match of message.matchAll(URL_CANDIDATE)) {
    const start = match.index;
    pushText(message.slice(at, start));
    const link = linkOf(match[0]);
    if (link) {
      pieces.push({ kind: 'link', text: link.text, href: link.href });
      pushText(link.rest);
    } else {
      pushText(match[0]);
    }
    at = start + match[0].length;
  }
  pushText(message.slice(at));
  return pieces;
}
