import { seededUniform } from '../internal/seeded-uniform.js';

const TIE_DOMAIN = 0x7e1eb4ea;

/**
 * The `k` positions of highest weight; equal weights are ordered by a seeded random key (the paper adds tiny
 * noise instead), so ties are broken at random but reproducibly. O(n log n) for n weights.
 *
 * @returns the chosen linear indices (unsorted).
 */
export function topPositions(weights: ArrayLike<number>, k: number, seed: number): Int32Array {
  const n = weights.length;
  const keys = Float64Array.from({ length: n }, (_, i) => seededUniform(seed, TIE_DOMAIN, i));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => weights[b]! - weights[a]! || keys[a]! - keys[b]!);
  return order.slice(0, k);
}
