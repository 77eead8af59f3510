const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * Text laid out in columns with spaces (a PDF converted by `pdftotext -layout` and the like): most table lines
 * hold runs of three or more spaces between their cells.
 */
export function isSpaceAligned(lines: string[]): boolean {
  let aligned = 0;
  let withDigits = 0;
  for (const line of lines) {
    if (line.includes("|")) return false;
    if (!/\d/.test(line)) continue;
    withDigits++;
    if (/\S {3,}\S/.test(line.trim())) aligned++;
  }
  return aligned >= 8 && aligned >= 0.3 * withDigits;
}

/** Each line's whitespace-separated chunks with the display column (a wide character counts two) of their centres. */
export function alignedLines(lines: string[]): { lines: string[]; positions: number[][] } {
  const out: string[] = [];
  const positions: number[][] = [];
  for (const line of lines) {
    const chunks: { text: string; x0: number; x1: number }[] = [];
    let col = 0;
    let current: { text: string; x0: number; x1: number } | null = null;
    for (const ch of line) {
      const w = ch === "\t" ? 4 : WIDE.test(ch) ? 2 : 1;
      if (/\s/.test(ch)) current = null;
      else if (current) {
        current.text += ch;
        current.x1 = col + w;
      } else {
        current = { text: ch, x0: col, x1: col + w };
        chunks.push(current);
      }
      col += w;
    }
    // Empty lines are only spacing here: a blank cell shows as a gap between columns, not as an empty line.
    if (chunks.length === 0) continue;
    out.push(chunks.map((c) => c.text).join(" "));
    positions.push(chunks.map((c) => (c.x0 + c.x1) / 2));
  }
  return { lines: out, positions };
}
