import type { Binary } from "./binarize";

const STEP = 4;

/**
 * The page's skew in degrees (counter-clockwise positive): the angle whose horizontal projection of the ink is the
 * sharpest. Ruling lines and text baselines both line up at the true angle; ±5° covers a page laid on the glass.
 */
export function estimateSkew(bin: Binary, maxDegrees = 5): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < bin.height; y += STEP) {
    for (let x = 0; x < bin.width; x += STEP) {
      if (bin.data[y * bin.width + x]) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return 0;
  const bins = new Float64Array(bin.height + bin.width + 2);
  const offset = bin.width;
  const score = (degrees: number) => {
    const t = Math.tan((degrees * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round((ys[i] + xs[i] * t + offset) / 2);
      if (b >= 0 && b < bins.length) bins[b]++;
    }
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += 0.2) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.2; d <= coarse + 0.2 + 1e-9; d += 0.02) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  return Math.round(best * 100) / 100;
}
