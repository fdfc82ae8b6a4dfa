import { assertNumber } from '../../validation/assert-args.js';
import { LN2_LO } from '../internal/math.js';

/**
 * The inverse of softplus, log(e^x − 1) = log(expm1(x)), in float64.
 *
 * Domain x ≥ 0: −Infinity at 0, +Infinity at +Infinity, NaN for x < 0 or NaN. Relatively accurate
 * (about 1e-15) for all x: log(expm1(x)) for x < ½ (tiny x: log x + x/2), log1p(2 expm1(x − ln 2)) on
 * [½, 2] around the zero x = ln 2 (with ln 2 to 106 bits), x + log1p(−e^(−x)) beyond (no overflow).
 *
 * Complexity: O(1).
 *
 * @throws Error naming `softplusInverseScalar` and the argument when `x` is not a number (strings are not converted).
 * @see TensorFlow Probability `tfp.math.softplus_inverse`; Mächler, "Accurately computing log(1 − exp(−|a|))" (2012).
 * @category Special functions
 */
export function softplusInverseScalar(x: number): number {
  assertNumber('softplusInverseScalar', 'x', x);
  if (!(x >= 0)) return Number.NaN;
  if (x < 0.5) return Math.log(Math.expm1(x));
  if (x <= 2) return Math.log1p(2 * Math.expm1(x - Math.LN2 - LN2_LO));
  return x + Math.log1p(-Math.exp(-x));
}
