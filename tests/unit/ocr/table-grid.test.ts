import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { binarize } from "@/lib/ocr/binarize";
import { estimateSkew } from "@/lib/ocr/deskew";
import { findRulings } from "@/lib/ocr/find-rulings";
import { loadGray, rotateGray } from "@/lib/ocr/raster";
import { normaliseOcrText, readDigits } from "@/lib/ocr/read-cell-text";
import { buildTables } from "@/lib/ocr/table-grid";

const W = 2480;
const H = 1200;

/** A ruled table: 4 columns × 4 rows, the first column's last three rows merged, the header's last two columns merged. */
function tableSvg(): string {
  const xs = [200, 800, 1300, 1800, 2300];
  const ys = [200, 400, 600, 800, 1000];
  const lines: string[] = [];
  for (const y of ys) lines.push(`<line x1="${xs[0]}" y1="${y}" x2="${xs[4]}" y2="${y}"/>`);
  // Row boundaries inside the merged first column are not printed.
  for (const x of xs) {
    if (x === xs[3]) {
      lines.push(`<line x1="${x}" y1="${ys[1]}" x2="${x}" y2="${ys[4]}"/>`);
      continue;
    }
    lines.push(`<line x1="${x}" y1="${ys[0]}" x2="${x}" y2="${ys[4]}"/>`);
  }
  const masked = `<rect x="${xs[0] + 4}" y="${ys[2] - 3}" width="${xs[1] - xs[0] - 8}" height="6" fill="white"/><rect x="${xs[0] + 4}" y="${ys[3] - 3}" width="${xs[1] - xs[0] - 8}" height="6" fill="white"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="white"/><g stroke="black" stroke-width="4">${lines.join("")}</g>${masked}<text x="300" y="330" font-size="48">行政许可</text><text x="900" y="530" font-size="48">2776</text></svg>`;
}

async function render(rotate = 0): Promise<Uint8Array> {
  let img = sharp(Buffer.from(tableSvg()));
  if (rotate) img = sharp(await img.png().toBuffer()).rotate(rotate, { background: "#ffffff" });
  return new Uint8Array(await img.png().toBuffer());
}

describe("ruled tables found on a page image", () => {
  it("finds the grid and its merged cells", async () => {
    const gray = await loadGray(await render());
    const bin = binarize(gray);
    const unit = gray.width / 56;
    const tables = buildTables(findRulings(bin, unit), unit);
    expect(tables).toHaveLength(1);
    const [t] = tables;
    expect(t.ys).toHaveLength(5);
    expect(t.xs).toHaveLength(5);
    const merged = t.cells.find((c) => c.row === 1 && c.col === 0);
    expect(merged).toMatchObject({ rowSpan: 3, colSpan: 1 });
    const header = t.cells.find((c) => c.row === 0 && c.col === 2);
    expect(header).toMatchObject({ rowSpan: 1, colSpan: 2 });
    expect(t.cells).toHaveLength(16 - 2 - 1);
  });

  it("measures a page laid 1.5° askew and turns it back so that the grid is found whole", async () => {
    const gray = await loadGray(await render(1.5));
    const skew = estimateSkew(binarize(gray));
    expect(Math.abs(Math.abs(skew) - 1.5)).toBeLessThan(0.15);
    const straight = await rotateGray(gray, -skew);
    const unit = straight.width / 56;
    const tables = buildTables(findRulings(binarize(straight), unit), unit);
    expect(tables).toHaveLength(1);
    expect(tables[0].ys).toHaveLength(5);
    expect(tables[0].xs).toHaveLength(5);
  });
});

describe("what Tesseract printed, put back as the tables print it", () => {
  it("reads digits, with letters that look like digits, and refuses words", () => {
    expect(readDigits("2 776")).toBe("2776");
    expect(readDigits("1O")).toBe("10");
    expect(readDigits("l2")).toBe("12");
    expect(readDigits("８４")).toBe("84");
    expect(readDigits("行政")).toBeNull();
    expect(readDigits("Oo")).toBeNull();
  });
  it("restores Chinese brackets and colons", () => {
    expect(normaliseOcrText("〈二)部分公开《区分处理的")).toBe("（二）部分公开（区分处理的");
    expect(normaliseOcrText("本年收费金额〈单位;万元)")).toBe("本年收费金额（单位；万元）");
  });
});
