import { assertNumber } from '../../validation/assert-args.js';
/**
 * log(1 − e^(−|x|)) in float64 (the convention of TensorFlow Probability's `log1mexp`: the sign of x is
 * ignored).
 *
 * −Infinity at 0, 0 at ±Infinity, NaN gives NaN. Relatively accurate (about 1e-15) for all x, by
 * Mächler's switch at ln 2: log(−expm1(−|x|)) below, log1p(−e^(−|x|)) above.
 *
 * Complexity: O(1).
 *
 * @throws Error naming `log1mexpScalar` and the argument when `x` is not a number (strings are not converted).
 * @see Mächler, "Accurately computing log(1 − exp(−|a|))" (2012); TensorFlow Probability `tfp.math.log1mexp`.
 * @category Special functions
 */
export function log1mexpScalar(x: number): number {
  assertNumber('log1mexpScalar', 'x', x);
  const ax = Math.abs(x);
  return ax <= Math.LN2 ? Math.log(-Math.expm1(-ax)) : Math.log1p(-Math.exp(-ax));
}
