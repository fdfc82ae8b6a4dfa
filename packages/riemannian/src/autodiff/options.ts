import type { TensorTrain } from '@proj/tt';
import type * as tf from '@tensorflow/tfjs-core';

/** A function of a TT object with a scalar value, differentiated by `gradients` and `hessianVectorProduct`. */
export type TTFunction = (x: TensorTrain) => tf.Tensor;

/** Tolerances of the runtime check: |F(δ₀) − f(x)| ≤ atol + rtol·max(|f(x)|, |F(δ₀)|). */
export interface RuntimeCheckTolerance {
  /** Relative tolerance; default 1e-3. */
  readonly rtol?: number;
  /** Absolute tolerance; default 1e-6. */
  readonly atol?: number;
}

/** Options of `gradients` and `hessianVectorProduct`. */
export interface AutodiffOptions {
  /**
   * Checks that f has the same value at x and at the tangent-space parametrization of x (the same tensor with
   * other cores), which catches functions that are not representation-invariant (T3F's `runtime_check`); costs
   * one extra evaluation of f. `true` (default) uses rtol 1e-3 and atol 1e-6 (float32: the two
   * representations differ by rounding, which cancellation inside f can amplify); an object sets them.
   */
  readonly runtimeCheck?: boolean | RuntimeCheckTolerance;
}
