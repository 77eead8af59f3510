const PAGE_NUMBER =
  /^(?:[-—–－─]+\s*\d{1,3}\s*[-—–－─]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页|\d{1,3}\s*\/\s*\d{1,3})$/;

/** A page's folio as printed: "— 3 —", "- 3 -", "第 3 页 共 9 页", "3/9". */
export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.test(line.trim());
}

const normalise = (line: string) => line.replace(/[\s\u00a0\u3000#*]+/g, "");

/**
 * Lines a printed page adds and text taken off it keeps: folios and the running title repeated on every page.
 * Between two rows of a table they would read as a cell or split the row; the empty lines around them go too.
 */
export function dropPageFurniture(lines: string[]): string[] {
  const title = lines
    .slice(0, 12)
    .map(normalise)
    .find((l) => l.length >= 8 && /报告|年报/.test(l));
  let seenTitle = false;
  const isPipe = (j: number, step: number): boolean => {
    for (let k = j + step; k >= 0 && k < lines.length; k += step) if (lines[k].trim()) return /^\s*\|/.test(lines[k]);
    return false;
  };
  const furniture = lines.map((line, i) => {
    if (isPageNumber(line)) return true;
    // A bare number between two pipe rows is in no cell: the folio of a page break inside a Markdown table.
    if (/^\s*\d{1,3}\s*$/.test(line) && isPipe(i, -1) && isPipe(i, 1)) return true;
    // normalise only removes characters: a shorter line cannot be the title.
    if (!title || line.length < title.length || normalise(line) !== title) return false;
    const repeat = seenTitle;
    seenTitle = true;
    return repeat;
  });
  if (!furniture.includes(true)) return lines;
  const drop = [...furniture];
  furniture.forEach((isFurniture, i) => {
    if (!isFurniture) return;
    for (let j = i - 1; j >= 0 && !lines[j].trim() && !furniture[j]; j--) drop[j] = true;
    for (let j = i + 1; j < lines.length && !lines[j].trim() && !furniture[j]; j++) drop[j] = true;
  });
  return lines.filter((_, i) => !drop[i]);
}
