/** The label value for everything beyond a cap, or a path no pattern names. */
export const OTHER_LABEL = '_other';

/**
 * Keeps a label's values bounded: the first `cap` distinct values are kept as they are, any
 * later one becomes `_other` (Prometheus stores one series per value; an unbounded label, such
 * as a room name anyone can make up, would grow it without end). `retain` forgets values no
 * longer seen, so a long-running process frees places as rooms come and go.
 */
export class LabelCap {
  readonly #values = new Set<string>();

  constructor(readonly cap: number) {
    if (!Number.isInteger(cap) || cap < 0) throw new RangeError(`LabelCap: cap must be a whole number ≥ 0, got ${cap}`);
  }

  label(value: string): string {
    if (this.#values.has(value)) return value;
    if (this.#values.size >= this.cap) return OTHER_LABEL;
    this.#values.add(value);
    return value;
  }

  /** Forgets every kept value not in `current`. */
  retain(current: Iterable<string>): void {
    const keep = new Set(current);
    for (const value of this.#values) if (!keep.has(value)) this.#values.delete(value);
  }

  get size(): number {
    return this.#values.size;
  }
}

/** A route label and the paths it stands for. */
export interface RoutePattern {
  label: string;
  pattern: RegExp;
}

/**
 * The route label of a request path: the label of the first pattern that matches (e.g.
 * `/r/[slug]` for `/r/ptg-nova`), `_other` for anything else, so raw URLs never become labels.
 * The query string is ignored.
 */
export function routeLabel(path: string, patterns: readonly RoutePattern[]): string {
  const pathname = path.split(/[?#]/, 1)[0] ?? '';
  for (const { label, pattern } of patterns) if (pattern.test(pathname)) return label;
  return OTHER_LABEL;
}
