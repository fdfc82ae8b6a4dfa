import { assertNumber } from '../../validation/assert-args.js';
import { lgammaPositive, STIRLING_MIN, stirlingCorrection } from '../internal/log-gamma.js';
import { LOG_SQRT_2PI } from '../internal/math.js';

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) in float64, for a, b > 0.
 *
 * +Infinity when a or b is 0 (and the other ≥ 0), −Infinity when one is +Infinity (B → 0), NaN for
 * negative or NaN arguments. Relatively accurate (about 1e-14) for all positive a, b: with
 * x = min(a, b), y = max(a, b), the Stirling series is combined before subtracting once y ≥ 10, so
 * log B(1, 1e30) = −69.08 does not cancel between terms of size 1e31 (DLMF 5.11.1; the arrangement of
 * TFP's `lbeta` and Boost's `beta`).
 *
 * Complexity: O(1).
 *
 * @see DLMF 5.12.1, 5.11.1.
 * @throws Error naming `logBetaScalar` and the argument when `a` or `b` is not a number (strings are not converted).
 * @category Special functions
 */
export function logBetaScalar(a: number, b: number): number {
  assertNumber('logBetaScalar', 'a', a);
  assertNumber('logBetaScalar', 'b', b);
  if (Number.isNaN(a) || Number.isNaN(b) || a < 0 || b < 0) return Number.NaN;
  const x = Math.min(a, b);
  const y = Math.max(a, b);
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (y === Number.POSITIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  if (y < STIRLING_MIN) return lgammaPositive(x) + lgammaPositive(y) - lgammaPositive(x + y);
  const correction = stirlingCorrection(y) - stirlingCorrection(x + y);
  if (x < STIRLING_MIN) {
    // log Γ(y) − log Γ(x + y) = −(y − ½) log1p(x/y) − x log(x + y) + x + (remainders).
    return lgammaPositive(x) - (y - 0.5) * Math.log1p(x / y) - x * Math.log(x + y) + x + correction;
  }
  return (
    (x - 0.5) * Math.log(x / (x + y)) -
    y * Math.log1p(x / y) -
    0.5 * Math.log(y) +
    LOG_SQRT_2PI +
    stirlingCorrection(x) +
    correction
  );
}
