import { assertSeed } from '@proj/core';
import { assertGrid, assertKeepFraction } from '../internal/validate.js';
import { keptCount } from './kept-count.js';
import { buildMask, type PerforationMask } from './perforation-mask.js';
import { type PoolingWindows, windowCounts } from './pooling-windows.js';
import { topPositions } from './top-positions.js';

export type { PoolingWindows } from './pooling-windows.js';

/**
 * The pooling-structure perforation mask (paper §3.2): weight(y, x) = the number of windows of the FOLLOWING
 * pooling layer (size, stride, padding) that contain output position (y, x) — the product of the per-axis
 * counts — and the round(keepFraction · H·W) highest-weight positions are kept, ties broken at random by the
 * seed. With overlapping 3×3/2 pooling the positions on even interior rows and columns lie in 4 windows and go
 * first; with non-overlapping 2×2/2 pooling all weights are 1 and the mask is uniform.
 * O(H·W·log(H·W) + H·W·(H + W)).
 *
 * @param height OH of the conv output (the pooling's input), an integer in [1, 2^14].
 * @param width OW of the conv output, an integer in [1, 2^14].
 * @param keepFraction the fraction of positions computed, in (0, 1].
 * @param pool the following pooling layer: `{ size, stride, pad?: 'valid' | 'same' }` (tf.maxPool's padding).
 * @param seed an integer in [0, 2^32 − 1] (breaks ties).
 * @throws Error naming `poolingStructureMask` and the argument for invalid sides, keepFraction, pool or seed.
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.2 (code: weights_pooling_structure.m).
 * @example
 * const mask = poolingStructureMask(27, 27, 0.25, { size: 3, stride: 2 }, 0);
 */
export function poolingStructureMask(
  height: number,
  width: number,
  keepFraction: number,
  pool: PoolingWindows,
  seed: number,
): PerforationMask {
  const fn = 'poolingStructureMask';
  const [h, w] = assertGrid(height, width, fn);
  const keep = assertKeepFraction(keepFraction, fn);
  const rowCounts = windowCounts(h, pool, fn);
  const colCounts = windowCounts(w, pool, fn);
  assertSeed(seed, fn);
  const weights = Float64Array.from({ length: h * w }, (_, i) => rowCounts[Math.floor(i / w)]! * colCounts[i % w]!);
  const k = keptCount(h * w, keep);
  return buildMask(fn, h, w, topPositions(weights, k, seed), 'pooling');
}
