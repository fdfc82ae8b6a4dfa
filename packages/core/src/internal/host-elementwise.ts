import * as tf from '@tensorflow/tfjs-core';

/**
 * Applies a float64 scalar function to every element of `x` on the host: reads the values (any backend),
 * maps them in double precision and returns a float32 tensor of the same shape. For functions tfjs lacks
 * (special functions) where accuracy matters more than device residency. Cost: one readback, O(size) calls
 * of `fn`, one upload. The caller owns the returned tensor; `x` is not disposed.
 */
export function mapElementwise(x: tf.Tensor, fn: (value: number) => number): tf.Tensor {
  const values = x.dataSync();
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fn(values[i]!);
  return tf.tensor(out, x.shape, 'float32');
}

/**
 * Binary version of {@link mapElementwise} with numpy broadcasting of `a` and `b`.
 *
 * @throws Error naming `fn` (the public op) when the shapes do not broadcast.
 */
export function mapElementwise2(
  a: tf.Tensor,
  b: tf.Tensor,
  fn: (x: number, y: number) => number,
  opName: string,
): tf.Tensor {
  let shape: number[];
  try {
    shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  } catch {
    throw new Error(`${opName}: shapes [${a.shape.join(',')}] and [${b.shape.join(',')}] do not broadcast`);
  }
  return tf.tidy(() => {
    const left = sameShape(a.shape, shape) ? a : tf.broadcastTo(a, shape);
    const right = sameShape(b.shape, shape) ? b : tf.broadcastTo(b, shape);
    const x = left.dataSync();
    const y = right.dataSync();
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = fn(x[i]!, y[i]!);
    return tf.tensor(out, shape, 'float32');
  });
}

/**
 * Sums a gradient of broadcast shape back to the shape of the input it flowed from (the reduction every
 * broadcasting binary op needs in its gradient).
 */
export function reduceToShape(gradient: tf.Tensor, shape: readonly number[]): tf.Tensor {
  return tf.tidy(() => {
    const axes = tf.backend_util.getReductionAxes(shape as number[], gradient.shape);
    const summed = axes.length > 0 ? tf.sum(gradient, axes) : gradient;
    return tf.reshape(summed, shape as number[]);
  });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}
