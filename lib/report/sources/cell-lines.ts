const PIPE_CELL = /^[^|]*[^|\s][^|]*?\s*\|$/;
const BARE_PIPE = /^\|$/;

/**
 * Crawler text that writes each table cell on its own line, ending in " |", with an empty cell as a bare "|":
 * the plain form (one cell per line, an empty line for an empty cell). Blank lines there only separate cells.
 * Other text comes back unchanged.
 */
export function normaliseCellLines(lines: string[]): string[] {
  let pipeCells = 0;
  let barePipes = 0;
  for (const line of lines) {
    const t = line.trim();
    if (BARE_PIPE.test(t)) barePipes++;
    else if (PIPE_CELL.test(t)) pipeCells++;
  }
  if (pipeCells < 10 && barePipes < 3) return lines;
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (t === "") continue;
    if (BARE_PIPE.test(t)) out.push("");
    else if (PIPE_CELL.test(t)) out.push(t.slice(0, -1).trimEnd());
    else out.push(line);
  }
  return out;
}
