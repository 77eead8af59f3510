/** A small seeded PRNG (mulberry32) and the draws the generator needs; everything derives from one seed. */
export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  pickWeighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** A fresh generator seeded from this one, so that sub-tasks do not shift each other's draws. */
  fork(): Rng;
  readonly seed: number;
};

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    pickWeighted: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    fork: () => createRng(Math.floor(next() * 4294967296)),
  };
  return rng;
}

/** Splits `total` into `weights.length` non-negative integers roughly proportional to the weights. */
export function splitInteger(rng: Rng, total: number, weights: readonly number[]): number[] {
  const out = weights.map(() => 0);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return out;
  // Multinomial draw for small totals, proportional with jitter for large ones: both stay exact.
  if (total <= 200) {
    for (let n = 0; n < total; n++) {
      let r = rng.next() * sum;
      let i = 0;
      while (i < weights.length - 1 && r >= weights[i]!) {
        r -= weights[i]!;
        i++;
      }
      out[i]!++;
    }
    return out;
  }
  let left = total;
  const jittered = weights.map((w) => w * (0.7 + 0.6 * rng.next()));
  const jsum = jittered.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    const share = Math.min(left, Math.floor((total * jittered[i]!) / jsum));
    out[i] = share;
    left -= share;
  }
  const order = weights.map((w, i) => [i, w] as const).filter(([, w]) => w > 0);
  while (left > 0) {
    out[rng.pickWeighted(order)]!++;
    left--;
  }
  return out;
}
