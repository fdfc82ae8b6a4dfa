import { assertNumber } from '../../validation/assert-args.js';
import { BESSEL_SERIES_MAX, besselSeries, scaledBesselAsymptotic } from '../internal/bessel.js';

/**
 * The exponentially scaled modified Bessel function of the first kind of order 0, e^(−|x|) I₀(x), in
 * float64. Even; i0e(0) = 1, i0e(±Infinity) = 0, NaN gives NaN.
 *
 * Relatively accurate (about 1e-15) for all x: the power series (positive terms) for |x| ≤ 20, Hankel's
 * asymptotic expansion beyond (its smallest term is about e^(−2|x|)).
 *
 * Complexity: O(1), at most about 40 terms.
 *
 * @throws Error naming `i0eScalar` and the argument when `x` is not a number (strings are not converted).
 * @see DLMF 10.25.2, 10.40.1; Cephes `i0e`.
 * @category Special functions
 */
export function i0eScalar(x: number): number {
  assertNumber('i0eScalar', 'x', x);
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax === Number.POSITIVE_INFINITY) return 0;
  if (ax <= BESSEL_SERIES_MAX) return Math.exp(-ax) * besselSeries(0, ax);
  return scaledBesselAsymptotic(0, ax);
}
