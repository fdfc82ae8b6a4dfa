import * as tf from '@tensorflow/tfjs-core';

/**
 * The value of `x` with no gradient flowing through it (TensorFlow's `stop_gradient`, JAX's
 * `lax.stop_gradient`): a new tensor sharing x's data (reference-counted, so either may be disposed first), created outside the
 * gradient tape. Zero-copy, O(1).
 *
 * Use it for score-function surrogates (stop_gradient(f(x))·log p(x)) and for masks computed from
 * differentiable values: tfjs has no gradients for comparison ops, so `tf.where(tf.less(z, 0), a, b)` fails
 * under `tf.grad` when z depends on the variables, while `tf.less(stopGradient(z), 0)` does not.
 *
 * @example
 * const surrogate = tf.mul(stopGradient(cost), logProb);
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  if (!(x instanceof tf.Tensor)) throw new Error("stopGradient: argument 'x' must be a tensor");
  if (x.isDisposed) throw new Error("stopGradient: argument 'x' is a disposed tensor");
  const engine = tf.engine();
  const backend = engine.state.tensorInfo.get(x.dataId)?.backend ?? engine.backend;
  backend.incRef(x.dataId);
  return engine.makeTensorFromDataId(x.dataId, x.shape, x.dtype, backend) as T;
}
