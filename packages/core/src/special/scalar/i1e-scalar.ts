import { assertNumber } from '../../validation/assert-args.js';
import { BESSEL_SERIES_MAX, besselSeries, scaledBesselAsymptotic } from '../internal/bessel.js';

/**
 * The exponentially scaled modified Bessel function of the first kind of order 1, e^(−|x|) I₁(x), in
 * float64. Odd; i1e(0) = 0, i1e(±Infinity) = ±0, NaN gives NaN.
 *
 * Relatively accurate (about 1e-15) for all x: the power series for |x| ≤ 20, Hankel's asymptotic
 * expansion beyond.
 *
 * Complexity: O(1), at most about 40 terms.
 *
 * @throws Error naming `i1eScalar` and the argument when `x` is not a number (strings are not converted).
 * @see DLMF 10.25.2, 10.40.1; Cephes `i1e`.
 * @category Special functions
 */
export function i1eScalar(x: number): number {
  assertNumber('i1eScalar', 'x', x);
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax === Number.POSITIVE_INFINITY) return Math.sign(x) * 0;
  const value =
    ax <= BESSEL_SERIES_MAX ? Math.exp(-ax) * (ax / 2) * besselSeries(1, ax) : scaledBesselAsymptotic(1, ax);
  return Math.sign(x) * value;
}
