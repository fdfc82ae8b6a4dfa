import * as tf from '@tensorflow/tfjs-core';
import { activeToleranceFactor } from '../backend/precision.js';
import { formatIndex, formatNumber } from '../internal/format.js';
import { assertSeed, type Seed, splitSeed } from '../random/seed.js';
import { threefryBlock } from '../random/threefry.js';
import { assertFinite, assertFunction, assertInteger, describeValue } from '../validation/assert-args.js';
import { assertOptions } from '../validation/assert-options.js';

/** Options of {@link checkGradients}. */
export interface CheckGradientsOptions {
  /** Relative step: entry x is moved by ±h·max(1, |x|); default 1e-2 (balances float32 rounding and truncation). */
  readonly h?: number;
  /** Relative tolerance on each partial derivative, for float32 kernels (scaled per backend as in `expectClose`); default 1e-2. */
  readonly rtol?: number;
  /** Absolute tolerance, added to the float32 rounding noise of the difference quotient; default 1e-3. */
  readonly atol?: number;
  /** Entries checked per input; larger inputs are checked at a seeded random subset. Default 64. */
  readonly maxEntriesPerInput?: number;
  /** Seed of the random output weights and of the subset of entries; default 0. */
  readonly seed?: Seed;
}

/** What {@link checkGradients} measured, per input. */
export interface GradientCheckReport {
  readonly inputs: ReadonlyArray<{ readonly checked: number; readonly maxAbsError: number }>;
}

const FLOAT32_EPS = 2 ** -23;

/**
 * Checks the gradients tfjs computes for `f` against central finite differences.
 *
 * The output is reduced to the scalar s = Σ w ⊙ f(inputs) with seeded random weights |w| ∈ [0.5, 1.5], so
 * every output element counts. For each checked entry x_k of each input, the analytic ∂s/∂x_k (one
 * `tf.grads` pass) must match (s(x + δe_k) − s(x − δe_k)) / 2δ within
 * atol + rtol·max(|numeric|, |analytic|) + the float32 rounding noise of the quotient (4ε·Σ|w ⊙ f| / 2δ).
 * The sums are taken in float64. Cost: 2 evaluations of f per checked entry.
 *
 * @param f a function of float32 tensors, returning a tensor.
 * @param inputs the point at which to check (a non-empty array of float32 tensors); not modified.
 * @param options `h`, `rtol`, `atol` (finite numbers: h > 0, tolerances ≥ 0), `maxEntriesPerInput` (a positive
 *   integer), `seed` (a {@link Seed}); unknown keys throw.
 * @throws Error naming `checkGradients`: listing the worst mismatching entries (input, index, analytic,
 *   numeric), or naming the bad argument or option.
 */
export function checkGradients(
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: readonly tf.Tensor[],
  options: CheckGradientsOptions = {},
): GradientCheckReport {
  const fn = 'checkGradients';
  assertFunction(fn, 'f', f);
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new Error(
      `${fn}: argument 'inputs' must be a non-empty array of float32 tensors, got ${describeValue(inputs)}`,
    );
  }
  assertOptions(fn, options, ['h', 'rtol', 'atol', 'maxEntriesPerInput', 'seed']);
  const { h = 1e-2, rtol: statedRtol = 1e-2, atol: statedAtol = 1e-3, maxEntriesPerInput = 64, seed = 0 } = options;
  assertSeed(seed, fn, 'options.seed');
  if (typeof h !== 'number' || !(h > 0) || !Number.isFinite(h)) {
    throw new Error(`${fn}: option 'h' must be positive, got ${describeValue(h)}`);
  }
  assertFinite(fn, 'options.rtol', statedRtol, { min: 0 });
  assertFinite(fn, 'options.atol', statedAtol, { min: 0 });
  assertInteger(fn, 'options.maxEntriesPerInput', maxEntriesPerInput, { min: 1 });
  const factor = activeToleranceFactor();
  const [rtol, atol] = [statedRtol * factor, statedAtol * factor];
  inputs.forEach((x, i) => {
    if (!(x instanceof tf.Tensor) || x.isDisposed) {
      throw new Error(`${fn}: input ${i} must be a float32 tensor, got ${describeValue(x)}`);
    }
    if (x.dtype !== 'float32') throw new Error(`${fn}: input ${i} must be float32, got ${x.dtype}`);
  });
  const [weightSeed, subsetSeed] = splitSeed(seed, 2) as [Seed, Seed];
  const outputShape: number[] = tf.tidy(() => {
    const y: unknown = f(...inputs);
    if (!(y instanceof tf.Tensor)) throw new Error(`${fn}: argument 'f' must return a tensor, got ${describeValue(y)}`);
    return y.shape;
  });
  const size = outputShape.reduce((a, b) => a * b, 1);
  const weights = Float32Array.from({ length: size }, (_, i) => cotangentWeight(weightSeed, i));
  const objective = (xs: readonly tf.Tensor[]): { value: number; magnitude: number } => {
    const y = tf.tidy(() => f(...xs).dataSync());
    let value = 0;
    let magnitude = 0;
    for (let i = 0; i < size; i++) {
      value += weights[i]! * y[i]!;
      magnitude += Math.abs(weights[i]! * y[i]!);
    }
    return { value, magnitude };
  };
  const analytic = tf.tidy(() => {
    const w = tf.tensor(weights, outputShape);
    return tf
      .grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), w)))([...inputs])
      .map((g) => g.dataSync());
  });
  const magnitude = objective(inputs).magnitude;
  const failures: string[] = [];
  const report = inputs.map((x, inputIndex) => {
    const base = x.dataSync() as Float32Array;
    let maxAbsError = 0;
    const entries = chooseEntries(base.length, maxEntriesPerInput, subsetSeed, inputIndex);
    for (const k of entries) {
      const plus = base.slice();
      const minus = base.slice();
      const step = h * Math.max(1, Math.abs(base[k]!));
      plus[k] = base[k]! + step;
      minus[k] = base[k]! - step;
      const width = plus[k]! - minus[k]!;
      const at = (values: Float32Array) => {
        const moved = inputs.map((other, j) => (j === inputIndex ? tf.tensor(values, x.shape) : other));
        const result = objective(moved).value;
        tf.dispose(moved[inputIndex]);
        return result;
      };
      const numeric = (at(plus) - at(minus)) / width;
      const exact = analytic[inputIndex]![k]!;
      const error = Math.abs(numeric - exact);
      maxAbsError = Math.max(maxAbsError, error);
      const tolerance =
        atol + rtol * Math.max(Math.abs(numeric), Math.abs(exact)) + (4 * FLOAT32_EPS * magnitude) / width;
      if (!(error <= tolerance)) {
        failures.push(
          `input ${inputIndex} at ${formatIndex(k, x.shape)}: analytic ${formatNumber(exact)}, numeric ${formatNumber(numeric)}`,
        );
      }
    }
    return { checked: entries.length, maxAbsError };
  });
  if (failures.length > 0) {
    throw new Error(
      `checkGradients: ${failures.length} partial derivative(s) differ from central differences ` +
        `(h=${h}, rtol=${rtol}, atol=${atol}):\n  ${failures.slice(0, 8).join('\n  ')}`,
    );
  }
  return { inputs: report };
}

/** A weight in ±[0.5, 1.5]: never near zero, so no output element is ignored. */
function cotangentWeight(seed: Seed, i: number): number {
  const [bits, signBits] = threefryBlock(seed, 0, i, 0);
  return (signBits & 1 ? -1 : 1) * (0.5 + bits / 2 ** 32);
}

/** All entries when few, else a seeded subset of `count` distinct entries (partial Fisher-Yates). */
function chooseEntries(size: number, count: number, seed: Seed, stream: number): number[] {
  const order = Array.from({ length: size }, (_, i) => i);
  if (size <= count) return order;
  for (let i = 0; i < count; i++) {
    const j = i + (threefryBlock(seed, stream, i, 1)[0] % (size - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, count).sort((a, b) => a - b);
}
