/** An author whose text is in Etherpad's diff HTML, with the colour Etherpad shows them in. */
export interface DiffAuthor {
  authorId: string;
  /** Etherpad's colour of the author (from the diff's style block), when it names one. */
  etherpadColour: string | null;
}

const SPAN_CLASS = /<span\s+class="([^"]*)"/g;
const AUTHOR_CLASS = /^author(a_[A-Za-z0-9]+)$/;
const STYLE_RULE = /\.author(a_[A-Za-z0-9]+)\s*\{\s*background-color:\s*(#[0-9a-fA-F]{3,8})\s*;?\s*\}/g;

/**
 * The authors of the text Etherpad's `createDiffHTML` marks, in order of first appearance: spans of
 * class `author<id with . as _>`, except text shown as removed. Etherpad 1.8.14 does not return its
 * list of authors (a bug in its PadDiff), so it is read from the HTML it renders.
 */
export function authorsOfDiffHtml(html: string): DiffAuthor[] {
  const colours = new Map<string, string>();
  for (const match of html.matchAll(STYLE_RULE)) colours.set(match[1]!, match[2]!.toLowerCase());
  const seen = new Map<string, DiffAuthor>();
  for (const match of html.matchAll(SPAN_CLASS)) {
    const classes = match[1]!.split(/\s+/);
    if (classes.includes('removed')) continue;
    for (const name of classes) {
      const author = AUTHOR_CLASS.exec(name)?.[1];
      if (!author || seen.has(author)) continue;
      seen.set(author, { authorId: author.replace('_', '.'), etherpadColour: colours.get(author) ?? null });
    }
  }
  return [...seen.values()];
}
