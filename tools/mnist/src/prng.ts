/**
 * Mulberry32: a 32-bit-state pseudo-random generator of uniforms in [0, 1) (2³² period; Tommy Ettinger's public
 * domain design). Host-side only, for the fixed MNIST split and the seeded binarization: the same seed gives the
 * same stream on every machine. O(1) per draw.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Throws naming `fn` unless `seed` is an integer in [0, 2³² − 1]. */
export function checkSeed(fn: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`${fn}: argument 'seed' must be an integer in [0, 4294967295], got ${String(seed)}`);
  }
  return seed;
}
