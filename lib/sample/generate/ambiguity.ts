import type { DocRow, DocTable, RowEquation, ValueKind } from "./types";

const MARKS = ["无", "—"];
const FULL_WIDTH = /[０-９－＋．，]/g;

function toHalfWidthDigits(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Readings of one field at the start of `rest`: [characters used, value]. */
function readField(rest: string, kind: ValueKind): [number, number][] {
  const out: [number, number][] = [];
  for (const mark of MARKS) if (rest.startsWith(mark)) out.push([mark.length, 0]);
  const pattern =
    kind === "signed"
      ? /^[+-]?(?:0|[1-9]\d*)/
      : kind === "money"
        ? /^(?:0|[1-9]\d*)(?:\.\d+)?(?:元)?/
        : /^(?:0|[1-9]\d*)/;
  const match = rest.match(pattern)?.[0];
  if (!match) return out;
  // Every prefix of the longest reading that is itself a number is a reading too: that is the ambiguity.
  for (let len = 1; len <= match.length; len++) {
    const piece = match.slice(0, len);
    if (!pattern.test(piece) || piece.match(pattern)![0] !== piece) continue;
    if (/^[+-]$/.test(piece) || piece.endsWith(".")) continue;
    const yuan = piece.endsWith("元");
    const value = Number(yuan ? piece.slice(0, -1) : piece) / (yuan ? 10_000 : 1);
    out.push([len, value]);
  }
  return out;
}

/**
 * Distinct value vectors that the run-together text of a row's value cells admits under the row's own arithmetic,
 * up to `limit` (2 is enough to know a row is ambiguous).
 */
export function countRowReadings(row: DocRow, limit = 2): number {
  const fields = row.cells.filter((c) => c.role === "value");
  if (fields.length === 0) return 1;
  const text = toHalfWidthDigits(fields.map((c) => c.text).join(""));
  const kinds = fields.map((c) => c.kind ?? "count");
  const equations: RowEquation[] = row.equations ?? [];
  const values: number[] = [];
  const found = new Set<string>();
  const minDigits = (n: number) => (n <= 0 ? 1 : String(Math.trunc(n)).length);

  const visit = (pos: number, i: number): void => {
    if (found.size >= limit) return;
    if (i === fields.length) {
      if (pos === text.length) found.add(values.join(","));
      return;
    }
    const remainingFields = fields.length - i;
    if (text.length - pos < remainingFields) return;
    for (const [len, value] of readField(text.slice(pos), kinds[i]!)) {
      values[i] = value;
      let ok = true;
      for (const eq of equations) {
        const assigned = eq.parts.filter((p) => p <= i);
        const sum = assigned.reduce((s, p) => s + values[p]!, 0);
        if (eq.target === i && assigned.length === eq.parts.length && sum !== value) ok = false;
        // A target still to come needs at least as many digits as the parts already sum to.
        if (eq.target > i && text.length - (pos + len) < minDigits(sum) + (fields.length - i - 2)) ok = false;
      }
      if (ok) visit(pos + len, i + 1);
      if (found.size >= limit) return;
    }
  };
  visit(0, 0);
  return found.size;
}

/** Paths of the value cells of every row whose run-together digits admit more than one reading. */
export function findAmbiguousCells(tables: DocTable[]): string[][] {
  const out: string[][] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      if (!row.cells.some((c) => c.role === "value")) continue;
      if (countRowReadings(row) > 1) out.push(row.cells.filter((c) => c.path).map((c) => c.path!));
    }
  }
  return out;
}
