import { assertInteger, assertNumber } from '../internal/validate.js';

/**
 * FLOPs of a convolution computed at `positions` output positions, as the SACT flopsometer counts them:
 * 2·positions·Cout·kh·kw·Cin (a multiply and an add per weight; biases ignored). O(1).
 * Figurnov et al., CVPR 2017 (mfigurnov/sact flopsometer.py).
 *
 * @throws Error naming `convFlops` and the argument for a negative or non-integer count or size.
 * @example
 * convFlops(28 * 28, 3, 3, 8, 16); // 2·784·16·9·8
 */
export function convFlops(positions: number, kh: number, kw: number, inChannels: number, outChannels: number): number {
  const fn = 'convFlops';
  assertNumber(positions, fn, 'positions', 'an integer ≥ 0', (x) => Number.isInteger(x) && x >= 0);
  assertInteger(kh, fn, 'kh', 1);
  assertInteger(kw, fn, 'kw', 1);
  assertInteger(inChannels, fn, 'inChannels', 1);
  assertInteger(outChannels, fn, 'outChannels', 1);
  return 2 * positions * outChannels * kh * kw * inChannels;
}
