import { assertSeed } from '@proj/core';
import { assertArrayLike, assertGrid, assertKeepFraction, shown } from '../internal/validate.js';
import { keptCount } from './kept-count.js';
import { buildMask, type PerforationMask } from './perforation-mask.js';
import { topPositions } from './top-positions.js';

/**
 * The impact perforation mask (paper §3.2): the round(keepFraction · H·W) positions of highest impact (e.g. from
 * {@link convImpact}: the first-order estimate of the loss increase when the position is removed), ties broken
 * at random by the seed. For the paper's iterative impact, recompute the impacts on the perforated net, set the
 * already-perforated positions' impacts to 0 and call this again. O(H·W·log(H·W) + H·W·(H + W)).
 *
 * @param impact length H·W, indexed oh·width + ow; finite numbers.
 * @param height OH of the conv output, an integer in [1, 2^14].
 * @param width OW of the conv output, an integer in [1, 2^14].
 * @param keepFraction the fraction of positions computed, in (0, 1].
 * @param seed an integer in [0, 2^32 − 1] (breaks ties), 0 by default.
 * @throws Error naming `impactMask` and the argument for an impact of the wrong length or with non-finite
 *   entries, or invalid sides, keepFraction or seed.
 * @see Figurnov, Ibraimova, Vetrov, Kohli. "PerforatedCNNs". NIPS 2016, §3.2.
 * @example
 * const mask = impactMask(convImpact(v, loss), 14, 14, 0.5);
 */
export function impactMask(
  impact: ArrayLike<number>,
  height: number,
  width: number,
  keepFraction: number,
  seed = 0,
): PerforationMask {
  const fn = 'impactMask';
  const values = assertArrayLike(impact, fn, 'impact', 'an array of height·width numbers');
  const [h, w] = assertGrid(height, width, fn);
  if (values.length !== h * w) {
    throw new Error(`${fn}: argument 'impact' must have height·width = ${h * w} entries, got ${values.length}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(`${fn}: argument 'impact' must hold finite numbers, got ${shown(v)} at ${i}`);
    }
  }
  const keep = assertKeepFraction(keepFraction, fn);
  assertSeed(seed, fn);
  const k = keptCount(h * w, keep);
  return buildMask(fn, h, w, topPositions(values as ArrayLike<number>, k, seed), 'impact');
}
