import type { Gray } from "./raster";

/** One byte per pixel, 1 for ink. */
export type Binary = { data: Uint8Array; width: number; height: number };

/**
 * Bradley's adaptive threshold: a pixel is ink when darker than its neighbourhood's mean by a margin. It keeps print
 * black under a photo's uneven light and a scanner's grey cast, where one global threshold loses one or the other.
 */
export function binarize(img: Gray, margin = 0.16): Binary {
  const { width, height, data } = img;
  const half = Math.max(8, Math.round(width / 60));
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x];
      integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(width, x + half + 1);
      const sum =
        integral[y1 * (width + 1) + x1] -
        integral[y0 * (width + 1) + x1] -
        integral[y1 * (width + 1) + x0] +
        integral[y0 * (width + 1) + x0];
      const mean = sum / ((x1 - x0) * (y1 - y0));
      const v = data[y * width + x];
      out[y * width + x] = v < 170 && v < mean * (1 - margin) ? 1 : v < 90 ? 1 : 0;
    }
  }
  return { data: out, width, height };
}

/** Share of ink pixels in a box of a binary image. */
export function inkShare(bin: Binary, x0: number, y0: number, x1: number, y1: number): number {
  const xa = Math.max(0, Math.floor(x0));
  const ya = Math.max(0, Math.floor(y0));
  const xb = Math.min(bin.width, Math.ceil(x1));
  const yb = Math.min(bin.height, Math.ceil(y1));
  if (xb <= xa || yb <= ya) return 0;
  let ink = 0;
  for (let y = ya; y < yb; y++) {
    const row = y * bin.width;
    for (let x = xa; x < xb; x++) ink += bin.data[row + x];
  }
  return ink / ((xb - xa) * (yb - ya));
}
