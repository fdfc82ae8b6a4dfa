import { assertOptions, stopGradient } from '@proj/core';
import { cleanTapeOnError } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import type { CostFunction } from '../estimator.js';
import { evaluateCost } from '../internal/per-sample.js';
import { assertFinite, gradsOf, shown } from '../internal/validate.js';

/** A second-order Taylor expansion with a diagonal Hessian. @category Control variates */
export interface TaylorExpansion {
  /** f(c), a scalar. */
  readonly value: tf.Scalar;
  /** ∇f(c), of the shape of c. */
  readonly gradient: tf.Tensor;
  /** The diagonal ∂²f/∂x_k² at c, of the shape of c. */
  readonly hessianDiagonal: tf.Tensor;
}

/** Options of {@link taylorExpansion}. @category Control variates */
export interface TaylorExpansionOptions {
  /** Relative step of the central differences: h_k = step·max(1, |c_k|); default 1e-2. */
  readonly step?: number;
}

/**
 * The value, gradient and Hessian diagonal of a cost at one point c (one sample, [...batchShape,
 * ...eventShape]): the ingredients of the delta method. The gradient is tfjs's; the Hessian diagonal is the
 * central difference of tfjs gradients, H_kk ≈ (∂_k f(c + h_k e_k) − ∂_k f(c − h_k e_k))/(2h_k), computed for
 * every k at once on 2K rows. Not tfjs's second derivatives: in tfjs 4.22 the gradients of ops that save their
 * output for the backward pass (exp, sigmoid, tanh, sqrt, ...) are cut off the tape, so a gradient of a gradient
 * is silently wrong or throws (∂²/∂x² exp(−x²) comes out twice too large). The central difference has error
 * O(h²·∂⁴f) + O(ε_float32·|∇f|/h); exact (to rounding) for quadratics.
 *
 * Complexity: 1 + 2K rows of cost evaluations and two backward passes; O(K²) memory.
 *
 * @param cost samples [M, ...] → costs [M], finite (see the estimators).
 * @param center the point c, without the sample axis: a non-empty float32 tensor with finite entries.
 * @param options `step` (any other key is an error).
 * @throws Error naming `taylorExpansion` for a bad cost, center or step, an unknown option, a cost that returns
 *   another shape or non-finite values, or one that is not differentiable.
 * @example
 * const { value, gradient, hessianDiagonal } = taylorExpansion((x) => tf.sum(tf.cos(x), 1), tf.tensor1d([0, 1]));
 * @category Control variates
 */
export function taylorExpansion(
  cost: CostFunction,
  center: tf.Tensor,
  options: TaylorExpansionOptions = {},
): TaylorExpansion {
  const fn = 'taylorExpansion';
  assertOptions(fn, options, ['step']);
  if (typeof cost !== 'function') {
    throw new Error(`${fn}: argument 'cost' must be a function from samples [M, ...] to costs [M], got ${shown(cost)}`);
  }
  const step = options?.step ?? 1e-2;
  if (typeof step !== 'number' || !(step > 0) || !Number.isFinite(step)) {
    throw new Error(`${fn}: argument 'step' must be positive, got ${shown(options?.step)}`);
  }
  if (!(center instanceof tf.Tensor) || center.isDisposed || center.dtype !== 'float32' || center.size === 0) {
    throw new Error(`${fn}: argument 'center' must be a non-empty float32 tensor, got ${shown(center)}`);
  }
  assertFinite({ center }, fn, "argument 'center'");
  return expansion(fn, cost, center, step);
}

/**
 * {@link taylorExpansion} on checked arguments, its errors (about the cost) naming `fn`: the delta method
 * runs it under the estimator's name. Memory-neutral, on error paths too.
 */
export function expansion(fn: string, cost: CostFunction, center: tf.Tensor, step: number): TaylorExpansion {
  return cleanTapeOnError(() =>
    tf.tidy(() => {
      const shape = center.shape;
      const size = center.size;
      const point = tf.reshape(stopGradient(center), [1, size]);
      const gradientAt = (rows: tf.Tensor, count: number) =>
        gradsOf(
          fn,
          "argument 'cost' is not differentiable in x (the delta method needs its gradient)",
          (x: tf.Tensor) => tf.sum(evaluateCost(fn, cost, x, count)),
          [rows],
        )[0]!;
      const row = tf.reshape(point, [1, ...shape]);
      const value = tf.reshape(evaluateCost(fn, cost, row, 1), []) as tf.Scalar;
      const gradient = tf.reshape(gradientAt(row, 1), shape);
      const steps = tf.mul(step, tf.maximum(1, tf.abs(point)));
      const shift = tf.mul(tf.eye(size), steps);
      const rows = tf.reshape(tf.concat([tf.add(point, shift), tf.sub(point, shift)], 0), [2 * size, ...shape]);
      const [plus, minus] = tf.split(tf.reshape(gradientAt(rows, 2 * size), [2 * size, size]), 2, 0) as [
        tf.Tensor,
        tf.Tensor,
      ];
      const difference = tf.sum(tf.mul(tf.eye(size), tf.sub(plus, minus)), 1);
      const hessianDiagonal = tf.reshape(tf.div(difference, tf.mul(2, tf.reshape(steps, [size]))), shape);
      return { value, gradient, hessianDiagonal };
    }),
  );
}
