/** Beyond this many cells (lines before × lines after, once the common head and tail are set aside) the diff is not exact. */
const MAX_CELLS = 16_000_000;

function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The lines of `after` that are not in `before` (a longest-common-subsequence line diff), in
 * order, each ending with a newline: what was written between two versions of a pad. A line
 * changed in place counts as added in its new form. Past MAX_CELLS (two very long, very different
 * texts) every line of the differing middle of `after` counts as added.
 */
export function addedLines(before: string, after: string): string {
  const a = linesOf(before);
  const b = linesOf(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const oldMiddle = a.slice(head, a.length - tail);
  const newMiddle = b.slice(head, b.length - tail);
  const added: string[] = [];
  if (oldMiddle.length === 0 || oldMiddle.length * newMiddle.length > MAX_CELLS) {
    added.push(...newMiddle);
  } else {
    const n = oldMiddle.length;
    const m = newMiddle.length;
    // lcs[i][j]: common lines of oldMiddle[i..] and newMiddle[j..].
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i * width + j] = oldMiddle[i] === newMiddle[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (j < m) {
      if (i < n && oldMiddle[i] === newMiddle[j]) {
        i += 1;
        j += 1;
      } else if (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
        i += 1;
      } else {
        added.push(newMiddle[j]!);
        j += 1;
      }
    }
  }
  return added.map((line) => `${line}\n`).join('');
}
