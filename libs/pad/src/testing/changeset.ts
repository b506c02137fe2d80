/**
 * The few Etherpad changeset operations a protocol client needs, text-level: read and write the
 * wire format, apply a changeset to a pad's text, build a canonical splice carrying the author's
 * attribute, and rebase one changeset over a concurrent one the way Etherpad's server does
 * (`follow(theirs, mine, false)`), so a client with an edit in flight stays in sync.
 *
 * Wire format: `Z:<oldLen>(>|<)<lenDiff><ops>$<charBank>`, numbers in base 36. Each op is
 * `(*<attrib>)*(|<lines>)?(+|-|=)<chars>`; inserted characters come from the char bank in order.
 * Attributes of kept text are not tracked (rebased keeps carry none); only the text is.
 */

export type Opcode = '+' | '-' | '=';

export interface Op {
  opcode: Opcode;
  chars: number;
  /** Newlines among the op's characters (a multi-line op ends with a newline). */
  lines: number;
  /** e.g. `*0` (indexes into the accompanying attribute pool), or ''. */
  attribs: string;
}

export interface Changeset {
  oldLen: number;
  newLen: number;
  ops: Op[];
  charBank: string;
}

const HEADER = /^Z:([0-9a-z]+)([><])([0-9a-z]+)/;
const OP = /((?:\*[0-9a-z]+)*)(?:\|([0-9a-z]+))?([-+=])([0-9a-z]+)/y;

function num(text: string): number {
  return parseInt(text, 36);
}

export function unpack(cs: string): Changeset {
  const header = HEADER.exec(cs);
  if (!header) throw new Error(`Not a changeset: ${JSON.stringify(cs.slice(0, 40))}`);
  const oldLen = num(header[1]!);
  const diff = num(header[3]!);
  const dollar = cs.indexOf('$', header[0].length);
  if (dollar < 0) throw new Error(`Changeset without a char bank: ${JSON.stringify(cs.slice(0, 40))}`);
  const opsText = cs.slice(header[0].length, dollar);
  const ops: Op[] = [];
  OP.lastIndex = 0;
  while (OP.lastIndex < opsText.length) {
    const start = OP.lastIndex;
    const m = OP.exec(opsText);
    if (!m || m.index !== start) throw new Error(`Bad op at ${start} in changeset ${JSON.stringify(cs.slice(0, 80))}`);
    ops.push({ attribs: m[1]!, lines: m[2] ? num(m[2]) : 0, opcode: m[3] as Opcode, chars: num(m[4]!) });
  }
  return { oldLen, newLen: header[2] === '>' ? oldLen + diff : oldLen - diff, ops, charBank: cs.slice(dollar + 1) };
}

export function pack(cs: Changeset): string {
  const diff = cs.newLen - cs.oldLen;
  const ops = cs.ops.map((op) => `${op.attribs}${op.lines ? `|${op.lines.toString(36)}` : ''}${op.opcode}${op.chars.toString(36)}`).join('');
  return `Z:${cs.oldLen.toString(36)}${diff >= 0 ? '>' : '<'}${Math.abs(diff).toString(36)}${ops}$${cs.charBank}`;
}

/** The text after applying `cs` to `text` (throws when the lengths do not match). */
export function applyToText(cs: string | Changeset, text: string): string {
  const c = typeof cs === 'string' ? unpack(cs) : cs;
  if (c.oldLen !== text.length) throw new Error(`Changeset for a text of length ${c.oldLen} applied to one of length ${text.length}`);
  let out = '';
  let pos = 0;
  let bank = 0;
  for (const op of c.ops) {
    if (op.opcode === '=') out += text.slice(pos, (pos += op.chars));
    else if (op.opcode === '-') pos += op.chars;
    else out += c.charBank.slice(bank, (bank += op.chars));
  }
  if (pos > text.length || bank > c.charBank.length) throw new Error('Changeset reaches past its text or char bank');
  out += text.slice(pos);
  if (out.length !== c.newLen) throw new Error(`Changeset should give length ${c.newLen}, gave ${out.length}`);
  return out;
}

/** One or two ops for `text`: the part up to its last newline (with a line count), then the rest. */
export function opsForText(opcode: Opcode, text: string, attribs = ''): Op[] {
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline < 0) return text.length ? [{ opcode, chars: text.length, lines: 0, attribs }] : [];
  const head = text.slice(0, lastNewline + 1);
  const ops: Op[] = [{ opcode, chars: head.length, lines: head.split('\n').length - 1, attribs }];
  if (text.length > head.length) ops.push({ opcode, chars: text.length - head.length, lines: 0, attribs });
  return ops;
}

/**
 * Canonical op order, as Etherpad's checkRep demands: neighbouring ops of one kind and attributes
 * merged (a multi-line op followed by its in-line remainder), deletions before insertions between
 * two keeps, and a final keep without attributes left implicit.
 */
export function canonicalOps(ops: readonly Op[]): Op[] {
  const out: Op[] = [];
  let keeps: Op[] = [];
  let minus: Op[] = [];
  let plus: Op[] = [];
  const merge = (into: Op[], op: Op) => {
    if (op.chars <= 0) return;
    const last = into[into.length - 1];
    const beforeLast = into[into.length - 2];
    if (last && last.opcode === op.opcode && last.attribs === op.attribs) {
      if (last.lines === 0 && beforeLast?.opcode === op.opcode && beforeLast.attribs === op.attribs && beforeLast.lines > 0) {
        // [multi-line, in-line remainder] + op
        if (op.lines > 0) {
          beforeLast.chars += last.chars + op.chars;
          beforeLast.lines += op.lines;
          into.pop();
        } else last.chars += op.chars;
      } else if (op.lines > 0) {
        last.chars += op.chars;
        last.lines += op.lines;
      } else if (last.lines === 0) last.chars += op.chars;
      else into.push({ ...op });
      return;
    }
    into.push({ ...op });
  };
  const flushPlusMinus = () => {
    out.push(...minus, ...plus);
    minus = [];
    plus = [];
  };
  const flushKeeps = () => {
    out.push(...keeps);
    keeps = [];
  };
  for (const op of ops) {
    if (op.chars <= 0) continue;
    if (op.opcode === '=') {
      flushPlusMinus();
      merge(keeps, op);
    } else {
      flushKeeps();
      merge(op.opcode === '-' ? minus : plus, op);
    }
  }
  flushPlusMinus();
  if (keeps.some((k) => k.attribs)) flushKeeps();
  return out;
}

/**
 * Replace `deleteCount` characters at `start` of `text` with `insert`, the inserted text carrying
 * `attribs` (e.g. `*0` with `author,<authorId>` as attribute 0 of the pool sent along).
 */
export function makeSplice(text: string, start: number, deleteCount: number, insert: string, attribs = ''): string {
  if (start < 0 || deleteCount < 0 || start + deleteCount > text.length) throw new RangeError(`Splice ${start}+${deleteCount} outside a text of length ${text.length}`);
  const ops = canonicalOps([
    ...opsForText('=', text.slice(0, start)),
    ...opsForText('-', text.slice(start, start + deleteCount)),
    ...opsForText('+', insert, attribs),
  ]);
  return pack({ oldLen: text.length, newLen: text.length - deleteCount + insert.length, ops, charBank: insert });
}

/**
 * `mine` rebased so that it applies after `theirs` (both made against the same text), as
 * Etherpad's server rebases a client's changes over revisions it has not seen. At one position,
 * two insertions go in the order: one not starting with a newline first; otherwise `theirs` first,
 * unless `mineFirst` (Etherpad's `reverseInsertOrder`).
 */
export function follow(theirs: string, mine: string, mineFirst = false): string {
  const a = unpack(theirs);
  const b = unpack(mine);
  if (a.oldLen !== b.oldLen) throw new Error(`Cannot rebase: changesets for lengths ${a.oldLen} and ${b.oldLen}`);
  const aOps = a.ops.map((op) => ({ ...op }));
  const bOps = b.ops.map((op) => ({ ...op }));
  let ai = 0;
  let bi = 0;
  let aBank = 0;
  let bBank = 0;
  const out: Op[] = [];
  // A missing op on one side is an implicit keep of the rest of the text.
  const implicitKeep = (): Op => ({ opcode: '=', chars: Number.POSITIVE_INFINITY, lines: 0, attribs: '' });
  const aImplicit = implicitKeep();
  const bImplicit = implicitKeep();
  for (;;) {
    const x = aOps[ai] ?? aImplicit;
    const y = bOps[bi] ?? bImplicit;
    if (x === aImplicit && y === bImplicit) break;
    if (x.opcode === '+' || y.opcode === '+') {
      let theirsFirst: boolean;
      if (y.opcode !== '+') theirsFirst = true;
      else if (x.opcode !== '+') theirsFirst = false;
      else {
        const xNl = a.charBank[aBank] === '\n';
        const yNl = b.charBank[bBank] === '\n';
        theirsFirst = xNl !== yNl ? yNl : !mineFirst;
      }
      if (theirsFirst) {
        out.push({ opcode: '=', chars: x.chars, lines: x.lines, attribs: '' });
        aBank += x.chars;
        ai += 1;
      } else {
        out.push({ ...y });
        bBank += y.chars;
        bi += 1;
      }
      continue;
    }
    // Both consume old text: take the shorter span from both.
    const n = Math.min(x.chars, y.chars);
    const shorter = x.chars <= y.chars ? x : y;
    const lines = shorter.lines;
    if (x.opcode === '=' && y.opcode !== '-') out.push({ opcode: '=', chars: n, lines, attribs: '' });
    else if (x.opcode === '=' && y.opcode === '-') out.push({ opcode: '-', chars: n, lines, attribs: y.attribs });
    // x deleted it: mine's keep or delete of that span has nothing left to do.
    for (const [op, advance] of [
      [x, () => (ai += 1)],
      [y, () => (bi += 1)],
    ] as const) {
      op.chars -= n;
      op.lines = Math.max(0, op.lines - lines);
      if (op.chars === 0) advance();
    }
  }
  const ops = canonicalOps(out);
  let newLen = a.newLen;
  for (const op of ops) newLen += op.opcode === '+' ? op.chars : op.opcode === '-' ? -op.chars : 0;
  return pack({ oldLen: a.newLen, newLen, ops, charBank: b.charBank });
}
