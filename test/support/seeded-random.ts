import type { RandomSource } from '../../storage/set.js';

/** A small seeded generator for store tests (an LCG: reproducible, not statistically strong). */
export function seededRandom(seed: number): RandomSource {
  let state = seed | 0;
  return {
    randomInt(n: number): number {
      state = (Math.imul(state, 1103515245) + 12345) | 0;
      return Math.floor(((state >>> 0) / 4294967296) * n);
    },
  };
}
