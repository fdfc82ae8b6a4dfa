import { assertNumber } from '../../validation/assert-args.js';
import { cotPi } from '../internal/math.js';
import { digammaPositive } from '../internal/polygamma.js';

/**
 * The digamma function ψ(x) = d/dx log Γ(x) in float64.
 *
 * Conventions (scipy.special.digamma): ψ(+0) = −Infinity, ψ(−0) = +Infinity, NaN at the negative integers
 * (the pole changes sign), ψ(+Infinity) = +Infinity, ψ(−Infinity) = NaN. Relatively accurate (about
 * 1e-15) for x > 0, also at the zero 1.4616… (Taylor series there). x < 0 by the reflection
 * ψ(x) = ψ(1 − x) − π cot πx with exact argument reduction: absolute accuracy about 1e-15·log|x| near the
 * negative zeros (1e-8 relative at the float32 points next to them), relative elsewhere.
 *
 * Complexity: O(1), at most 10 recurrence steps and 8 series terms.
 *
 * @throws Error naming `digammaScalar` and the argument when `x` is not a number (strings are not converted).
 * @see DLMF 5.5.4, 5.11.2; Cephes `psi`.
 * @category Special functions
 */
export function digammaScalar(x: number): number {
  assertNumber('digammaScalar', 'x', x);
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x === 0) return Object.is(x, -0) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (x > 0) return digammaPositive(x);
  if (Number.isInteger(x)) return Number.NaN;
  return digammaPositive(1 - x) - Math.PI * cotPi(x);
}
