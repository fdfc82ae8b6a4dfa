import { activeToleranceFactor } from '../backend/precision.js';
import { formatIndex, formatNumber } from '../internal/format.js';
import { describeValue } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';
import { flatValues, type NumericLike } from './numeric-values.js';

/**
 * Tolerances of {@link expectClose}, stated for exact float32 kernels (the cpu reference): element i passes
 * when |a − e| ≤ f·(atol + rtol·|e|), where f is the active backend's factor from `BACKEND_TOLERANCE_FACTOR`
 * (1 on cpu, wasm and webgpu, 10 on tensorflow).
 */
export interface CloseOptions {
  /** Relative tolerance; default 1e-5 (float32 arithmetic, a few roundings). */
  readonly rtol?: number;
  /** Absolute tolerance; default 1e-6. */
  readonly atol?: number;
}

/**
 * Asserts that `actual` and `expected` have the same shape and that every element satisfies
 * |a − e| ≤ atol + rtol·|e| (numpy's `allclose`), with the tolerances scaled for the active backend
 * ({@link CloseOptions}). NaN matches only NaN, ±∞ only the same infinity.
 * Throws an Error naming the number of mismatches and the worst element with its index.
 * A number as `expected` is compared with every element; a flat array or typed array is compared with a
 * tensor of any shape holding as many elements.
 *
 * @throws Error naming `expectClose` for mismatches, shapes that differ, non-numeric arguments, tolerances that
 *   are not non-negative numbers or unknown option keys.
 *
 * @example
 * expectClose(tf.exp(tf.scalar(1)), Math.E, { rtol: 1e-6 });
 */
export function expectClose(actual: NumericLike, expected: NumericLike, options: CloseOptions = {}): void {
  assertOptions('expectClose', options, ['rtol', 'atol']);
  const { rtol: statedRtol = 1e-5, atol: statedAtol = 1e-6 } = options;
  const tolerance = (t: unknown) => typeof t === 'number' && t >= 0 && t < Number.POSITIVE_INFINITY;
  if (!tolerance(statedRtol) || !tolerance(statedAtol)) {
    throw new Error(
      `expectClose: tolerances must be non-negative finite numbers, got rtol=${describeValue(statedRtol)}, atol=${describeValue(statedAtol)}`,
    );
  }
  const factor = activeToleranceFactor();
  const [rtol, atol] = [statedRtol * factor, statedAtol * factor];
  const a = flatValues(actual, 'expectClose', 'actual');
  const e = flatValues(expected, 'expectClose', 'expected');
  const scalarExpected = typeof expected === 'number';
  const sameSize = a.values.length === e.values.length;
  const comparable =
    scalarExpected || (sameSize && (sameShape(a.shape, e.shape) || isFlat(a.shape) || isFlat(e.shape)));
  if (!comparable) {
    throw new Error(`expectClose: shape mismatch: actual [${a.shape.join(',')}] vs expected [${e.shape.join(',')}]`);
  }
  const expectedAt = (i: number) => (scalarExpected ? e.values[0]! : e.values[i]!);
  let failures = 0;
  let worst = { index: -1, excess: -1 };
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i]!;
    const y = expectedAt(i);
    const excess = toleranceExcess(x, y, rtol, atol);
    if (excess > 1) {
      failures++;
      if (excess > worst.excess) worst = { index: i, excess };
    }
  }
  if (failures > 0) {
    const i = worst.index;
    const x = a.values[i]!;
    const y = expectedAt(i);
    throw new Error(
      `expectClose: ${failures} of ${a.values.length} elements differ (rtol=${rtol}, atol=${atol}); ` +
        `worst at ${formatIndex(i, a.shape)}: actual ${formatNumber(x)} vs expected ${formatNumber(y)}, ` +
        `|diff| ${formatNumber(Math.abs(x - y))} vs tol ${formatNumber(atol + rtol * Math.abs(y))}`,
    );
  }
}

/** |x − y| in units of the tolerance: ≤ 1 passes. Non-finite values pass only when identical. */
function toleranceExcess(x: number, y: number, rtol: number, atol: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return Object.is(x, y) ? 0 : Number.POSITIVE_INFINITY;
  const diff = Math.abs(x - y);
  return diff === 0 ? 0 : diff / (atol + rtol * Math.abs(y));
}

const isFlat = (shape: readonly number[]) => shape.length <= 1;
const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((size, axis) => size === b[axis]);
