import { stopGradient } from '@proj/core';
import * as tf from '@tensorflow/tfjs-core';
import type { CostFunction } from '../estimator.js';
import { evaluateCost } from '../internal/per-sample.js';

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
 * @param cost samples [M, ...] → costs [M].
 * @param center the point c, without the sample axis.
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
  const step = options.step ?? 1e-2;
  if (!(step > 0)) throw new Error(`${fn}: argument 'step' must be positive, got ${String(options.step)}`);
  if (!(center instanceof tf.Tensor) || center.isDisposed) throw new Error(`${fn}: argument 'center' must be a tensor`);
  return tf.tidy(() => {
    const shape = center.shape;
    const size = center.size;
    const point = tf.reshape(stopGradient(center), [1, size]);
    const gradientAt = (rows: tf.Tensor, count: number) =>
      tf.grad((x: tf.Tensor) => tf.sum(evaluateCost(fn, cost, x, count)))(rows);
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
  });
}
