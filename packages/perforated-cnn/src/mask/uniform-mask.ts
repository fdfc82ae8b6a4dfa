import { assertSeed } from '@proj/core';
import { assertGrid, assertKeepFraction } from '../internal/validate.js';
import { keptCount } from './kept-count.js';
import { buildMask, type PerforationMask } from './perforation-mask.js';
import { topPositions } from './top-positions.js';

/**
 * The uniform perforation mask (paper §3.2): round(keepFraction · H·W) positions (at least one) drawn uniformly
 * at random without replacement; the same seed gives the same mask. O(H·W·log(H·W) + H·W·(H + W)).
 *
 * @param height OH of the conv output, an integer in [1, 2^14].
 * @param width OW of the conv output, an integer in [1, 2^14].
 * @param keepFraction the fraction of positions computed, in (0, 1] (the perforation rate is 1 − keepFraction).
 * @param seed an integer in [0, 2^32 − 1].
 * @throws Error naming `uniformMask` and the argument for invalid sides, keepFraction or seed.
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.2.
 * @example
 * const mask = uniformMask(14, 14, 0.5, 42); // 98 random positions of 196
 */
export function uniformMask(height: number, width: number, keepFraction: number, seed: number): PerforationMask {
  const [h, w] = assertGrid(height, width, 'uniformMask');
  const keep = assertKeepFraction(keepFraction, 'uniformMask');
  assertSeed(seed, 'uniformMask');
  const k = keptCount(h * w, keep);
  const kept = topPositions(new Float64Array(h * w), k, seed);
  return buildMask('uniformMask', h, w, kept, 'uniform');
}
