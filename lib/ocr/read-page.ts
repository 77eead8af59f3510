import { binarize, inkShare } from "./binarize";
import { cropWithMargin, findInkBox, paintOut } from "./cell-images";
import { estimateSkew } from "./deskew";
import { findRulings } from "./find-rulings";
import type { OcrCell, OcrLine, OcrPage, OcrTable } from "./ocr-types";
import { encodePng, type Gray, loadGray, rotateGray } from "./raster";
import { groupLines, joinWords, normaliseOcrText, readDigits } from "./read-cell-text";
import { recognizeImages } from "./run-tesseract";
import { buildTables } from "./table-grid";

/** Character height at the normalised page width (about 10.5 pt at 300 dpi): the scale every size is judged by. */
const UNIT_PER_WIDTH = 1 / 56;
const CJK = /[\u3400-\u9fff]/;

export type ReadPageOptions = { page: number; timeoutMs: number };

/** Reads one page image: turns it straight, finds its ruled tables and reads them cell by cell, then the running text. */
export async function readPage(bytes: Uint8Array, opts: ReadPageOptions): Promise<OcrPage> {
  const started = performance.now();
  let gray = await loadGray(bytes);
  let bin = binarize(gray);
  const skew = estimateSkew(bin);
  if (skew !== 0) {
    gray = await rotateGray(gray, -skew);
    bin = binarize(gray);
  }
  const unit = gray.width * UNIT_PER_WIDTH;
  const rulings = findRulings(bin, unit);
  const grids = buildTables(rulings, unit);
  const { gray: clean, ink } = paintOut(gray, bin, rulings.mask);
  const deadline = started + opts.timeoutMs;
  const left = () => Math.max(1000, deadline - performance.now());

  const crops: { table: number; cell: number; png: Uint8Array }[] = [];
  const tables: OcrTable[] = grids.map((g) => ({
    box: g.box,
    rows: g.ys.length - 1,
    cols: g.xs.length - 1,
    cells: g.cells.map((c) => ({ ...c, text: "", conf: 100 })),
  }));
  for (const [t, table] of tables.entries()) {
    for (const [i, cell] of table.cells.entries()) {
      const box = findInkBox(ink, cell.box, unit);
      if (!box) continue;
      crops.push({ table: t, cell: i, png: await encodePng(cropWithMargin(clean, box, Math.round(unit / 3))) });
    }
  }
  const read = await recognizeImages(
    crops.map((c) => c.png),
    { lang: "chi_sim", psm: 6, timeoutMs: left() },
  );
  const numeric: number[] = [];
  crops.forEach((c, i) => {
    const cell = tables[c.table].cells[c.cell];
    const words = read[i];
    cell.text = normaliseOcrText(joinWords(words));
    cell.conf = words.length ? Math.min(...words.map((w) => w.conf)) : 0;
    if (!CJK.test(cell.text)) numeric.push(i);
  });
  const digits = await recognizeImages(
    numeric.map((i) => crops[i].png),
    { lang: "eng", psm: 7, whitelist: "0123456789", timeoutMs: left() },
  );
  numeric.forEach((i, k) => {
    const cell = tables[crops[i].table].cells[crops[i].cell];
    settleNumber(cell, digits[k].map((w) => w.text).join(""), Math.min(...digits[k].map((w) => w.conf), 100));
  });

  const blank = inkShare(ink, 0, 0, ink.width, ink.height) < 0.0004;
  const lines = blank ? [] : await readRunningText(clean, tables, unit, left());
  return {
    page: opts.page,
    width: gray.width,
    height: gray.height,
    skew,
    lines,
    tables,
    ms: performance.now() - started,
  };
}

/** Puts both engines' readings of a number cell in order: agreement is sure, disagreement is doubtful. */
function settleNumber(cell: OcrCell, digitText: string, digitConf: number): void {
  const general = readDigits(cell.text);
  const digitsOnly = readDigits(digitText);
  const readings: string[] = [];
  const firstByConf =
    digitsOnly && (!general || digitConf >= cell.conf) ? [digitsOnly, general] : [general, digitsOnly];
  for (const r of firstByConf) if (r && !readings.includes(r)) readings.push(r);
  if (readings.length === 0) return;
  cell.readings = readings;
  cell.text = readings[0];
  cell.conf = Math.max(cell.conf, digitConf);
  cell.doubtful = readings.length > 1 || Math.min(cell.conf, digitConf) < 70;
}

/** The page's text outside its tables, line by line, with each word's horizontal centre. */
async function readRunningText(clean: Gray, tables: OcrTable[], unit: number, timeoutMs: number): Promise<OcrLine[]> {
  const page = new Uint8Array(clean.data);
  for (const t of tables) {
    const pad = Math.round(unit / 4);
    for (let y = Math.max(0, Math.floor(t.box.y - pad)); y < Math.min(clean.height, t.box.y + t.box.h + pad); y++) {
      page.fill(
        255,
        y * clean.width + Math.max(0, Math.floor(t.box.x - pad)),
        y * clean.width + Math.min(clean.width, Math.ceil(t.box.x + t.box.w + pad)),
      );
    }
  }
  const png = await encodePng({ data: page, width: clean.width, height: clean.height });
  const [words] = await recognizeImages([png], { lang: "chi_sim", psm: 3, timeoutMs });
  return groupLines(words).map((ws) => ({
    text: normaliseOcrText(joinWords(ws)),
    box: {
      x: Math.min(...ws.map((w) => w.box.x)),
      y: Math.min(...ws.map((w) => w.box.y)),
      w: Math.max(...ws.map((w) => w.box.x + w.box.w)) - Math.min(...ws.map((w) => w.box.x)),
      h: Math.max(...ws.map((w) => w.box.y + w.box.h)) - Math.min(...ws.map((w) => w.box.y)),
    },
    conf: Math.min(...ws.map((w) => w.conf)),
    xs: ws.map((w) => w.box.x + w.box.w / 2),
    words: ws.map((w) => w.text),
  }));
}
