import { assertNumber } from '../../validation/assert-args.js';
import { cotPi, sinPi } from '../internal/math.js';
import { tetragammaPositive } from '../internal/polygamma.js';

/**
 * The tetragamma function ψ″(x) = −2 Σₖ 1/(x + k)³ in float64 (the derivative of trigamma).
 *
 * Conventions (scipy.special.polygamma(2, x)): −Infinity at 0, the negative integers and −Infinity;
 * ψ″(+Infinity) = 0. Relatively accurate (about 1e-15) for x > 0; x < 0 by the
 * reflection ψ″(x) = ψ″(1 − x) − 2π³ cot(πx)/sin²(πx), absolute accuracy about 1e-15 times the larger
 * term near its zeros there.
 *
 * Complexity: O(1), at most 10 recurrence steps and 8 series terms.
 *
 * @see DLMF 5.15.1, 5.15.6.
 * @throws Error naming `tetragammaScalar` and the argument when `x` is not a number (strings are not converted).
 * @category Special functions
 */
export function tetragammaScalar(x: number): number {
  assertNumber('tetragammaScalar', 'x', x);
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x > 0) return tetragammaPositive(x);
  if (Number.isInteger(x) || x === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  const s = sinPi(x);
  return tetragammaPositive(1 - x) - (2 * Math.PI ** 3 * cotPi(x)) / (s * s);
}
