/**
 * One person, one colour: the same on their video tile, as their author colour in the pad and
 * beside their chat messages. Derived from the person's stable subject (the account id, or the
 * guest's subject), so it does not change between sessions, tabs or devices, and needs no storage.
 */

/**
 * Twelve colours with at least 4.5:1 contrast against white text (WCAG AA for small text) and
 * distinct from each other; Etherpad shows them as the background of the person's text, so they are
 * light enough to read black text on as well when mixed (Etherpad lightens author colours itself).
 */
export const PERSON_COLOURS = [
  '#1f6fb2',
  '#b5462a',
  '#2e7d32',
  '#8e44ad',
  '#b8860b',
  '#00838f',
  '#c2185b',
  '#5d6d1e',
  '#6a4fb3',
  '#a0522d',
  '#00796b',
  '#ad1457',
] as const;
export type PersonColour = (typeof PERSON_COLOURS)[number];

/** FNV-1a, 32 bits: stable across runtimes (browser, Node), no dependencies. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The colour of the person with this subject (join-token `sub`, account id or guest subject). */
export function personColour(subject: string): PersonColour {
  return PERSON_COLOURS[fnv1a(subject) % PERSON_COLOURS.length]!;
}
