import { assertNumber } from '../../validation/assert-args.js';
import { BESSEL_SERIES_MAX, besselSeries, scaledBesselAsymptotic } from '../internal/bessel.js';

/**
 * log I₀(x), the log of the modified Bessel function of order 0 (the log-normalizer of the von Mises
 * distribution, log(2π I₀(κ))), in float64. Even; logI0(0) = 0, logI0(±Infinity) = +Infinity.
 *
 * Relatively accurate (about 1e-15) for all x without overflow: log1p of the series of I₀ − 1 for
 * |x| ≤ 20 (so x²/4 is kept for tiny x), |x| + log(e^(−|x|) I₀(x)) from Hankel's expansion beyond
 * (I₀ overflows float64 near x = 713, the log does not).
 *
 * Complexity: O(1), at most about 40 terms.
 *
 * @see DLMF 10.25.2, 10.40.1.
 * @throws Error naming `logI0Scalar` and the argument when `x` is not a number (strings are not converted).
 * @category Special functions
 */
export function logI0Scalar(x: number): number {
  assertNumber('logI0Scalar', 'x', x);
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (ax <= BESSEL_SERIES_MAX) return Math.log1p(besselSeries(0, ax, 1));
  return ax + Math.log(scaledBesselAsymptotic(0, ax));
}
