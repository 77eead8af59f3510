const BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/;

/** Cell texts of one grid-table row printed over several lines: each column's pieces joined. */
function joinRowLines(rowLines: string[]): string {
  const pieces = rowLines.map((l) => l.trim().replace(/^\|/, "").replace(/\|$/, "").split("|"));
  const width = Math.max(...pieces.map((p) => p.length));
  const cells = Array.from({ length: width }, (_, c) =>
    pieces
      .map((p) => (p[c] ?? "").trim())
      .filter(Boolean)
      .reduce(
        (acc, part) => (acc && /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(part) ? `${acc} ${part}` : acc + part),
        "",
      ),
  );
  return `| ${cells.join(" | ")} |`;
}

/**
 * Pandoc grid tables (`+---+` borders, a cell's text wrapped over several lines) as pipe rows: one line per row,
 * the `+===+` border that closes the header as a separator row.
 */
export function gridTablesToPipeRows(lines: string[]): string[] {
  if (!lines.some((l) => BORDER.test(l))) return lines;
  const out: string[] = [];
  let rowLines: string[] = [];
  let inGrid = false;
  let columns = 0;
  for (const line of lines) {
    if (BORDER.test(line)) {
      if (rowLines.length > 0) out.push(joinRowLines(rowLines));
      rowLines = [];
      columns = line.trim().split("+").length - 2;
      if (line.includes("=")) out.push(`|${" --- |".repeat(columns)}`);
      inGrid = true;
      continue;
    }
    if (inGrid && line.trim().startsWith("|")) {
      rowLines.push(line);
      continue;
    }
    if (rowLines.length > 0) out.push(joinRowLines(rowLines));
    rowLines = [];
    inGrid = false;
    out.push(line);
  }
  if (rowLines.length > 0) out.push(joinRowLines(rowLines));
  return out;
}
