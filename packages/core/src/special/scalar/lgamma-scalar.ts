import { assertNumber } from '../../validation/assert-args.js';
import { lgammaPositive } from '../internal/log-gamma.js';
import { LOG_PI, sinPi } from '../internal/math.js';

/**
 * log |Γ(x)| in float64.
 *
 * Poles: +Infinity at 0 and the negative integers; log Γ(+Infinity) = +Infinity and, as in scipy's `gammaln`,
 * −Infinity at −Infinity; NaN gives NaN. Relatively accurate
 * (about 1e-15) on x > 0, including the zeros x = 1 and x = 2 (Taylor series at 2 with exact shifts);
 * negative x by the reflection log|Γ(x)| = log π − log|sin πx| − log Γ(1 − x) with exact argument
 * reduction of sin πx, so absolute accuracy about 1e-15·log Γ(1 − x) near its zeros there.
 *
 * Complexity: O(1), at most 30 terms.
 *
 * @throws Error naming `lgammaScalar` and the argument when `x` is not a number (strings are not converted).
 * @see DLMF 5.5.3, 5.7.3, 5.11.1; Cephes `lgam`.
 * @category Special functions
 */
export function lgammaScalar(x: number): number {
  assertNumber('lgammaScalar', 'x', x);
  if (Number.isNaN(x)) return Number.NaN;
  if (!Number.isFinite(x)) return x;
  if (x > 0) return lgammaPositive(x);
  if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  return LOG_PI - Math.log(Math.abs(sinPi(x))) - lgammaPositive(1 - x);
}
