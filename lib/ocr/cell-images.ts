import type { Binary } from "./binarize";
import { type Box, cropGray, type Gray } from "./raster";

/** Paints ruling pixels (and a pixel around them) white, so that a cell's crop holds only what is printed in it. */
export function paintOut(img: Gray, bin: Binary, mask: Uint8Array): { gray: Gray; ink: Binary } {
  const { width, height } = img;
  const gray = new Uint8Array(img.data);
  const ink = new Uint8Array(bin.data);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      for (let dy = -2; dy <= 2; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -2; dx <= 2; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          gray[yy * width + xx] = 255;
          ink[yy * width + xx] = 0;
        }
      }
    }
  }
  return { gray: { data: gray, width, height }, ink: { data: ink, width, height } };
}

/** The box of the ink inside `box` (ignoring specks), or null when the cell is empty. */
export function findInkBox(ink: Binary, box: Box, unit: number): Box | null {
  const inset = Math.max(3, Math.round(unit / 10));
  const x0 = Math.max(0, Math.round(box.x + inset));
  const y0 = Math.max(0, Math.round(box.y + inset));
  const x1 = Math.min(ink.width, Math.round(box.x + box.w - inset));
  const y1 = Math.min(ink.height, Math.round(box.y + box.h - inset));
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = -1;
  let maxY = -1;
  let count = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * ink.width;
    for (let x = x0; x < x1; x++) {
      if (!ink.data[row + x]) continue;
      // A lone dark pixel is dust or JPEG noise: ink has a neighbour.
      const n =
        ink.data[row + x - 1] + ink.data[row + x + 1] + ink.data[row + x - ink.width] + ink.data[row + x + ink.width];
      if (n === 0) continue;
      count++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const stroke = Math.max(4, unit * unit * 0.02);
  if (count < stroke || maxX - minX < unit / 8 || maxY - minY < unit / 5) return null;
  return { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 };
}

/** A crop with a white margin, as Tesseract wants a word: not touching the image's edge. */
export function cropWithMargin(img: Gray, box: Box, margin: number): Gray {
  const inner = cropGray(img, box);
  const w = inner.width + 2 * margin;
  const h = inner.height + 2 * margin;
  const out = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < inner.height; y++) {
    out.set(inner.data.subarray(y * inner.width, (y + 1) * inner.width), (y + margin) * w + margin);
  }
  return { data: out, width: w, height: h };
}
