import * as tf from '@tensorflow/tfjs-core';

/**
 * Multiply-adds above which a batched product runs as one grouped (depthwise) convolution instead of
 * `tf.matMul`: tfjs-backend-wasm computes a batched matMul with a scalar triple loop (about 1.5 GFLOP/s),
 * its depthwise convolution (XNNPACK) is 1.5-2.5x faster from about 10^5 multiply-adds on (measured at the
 * shapes of the projection sweeps, B = 2..100, sides 10..1000); below, the convolution's transposes cost more.
 */
const GROUPED_WORK = 2 ** 17;

/**
 * Batched product a[b]·b[b] of a [B, M, K] and b [B, K, N] → [B, M, N] for operands that differ per batch
 * element: one 2-D `tf.matMul` (XNNPACK) for B = 1, a grouped convolution for large products, `tf.matMul`
 * otherwise. Differentiable.
 */
export function batchMatMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  if (batch === 1) {
    return tf.reshape(tf.matMul(tf.reshape(a, [m, k]) as tf.Tensor2D, tf.reshape(b, [k, n]) as tf.Tensor2D), [1, m, n]);
  }
  if (batch * m * k * n < GROUPED_WORK) return tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D);
  // Group g = batch element g: input [M, 1, K, G] (NHWC), filter [1, K, G, N]; the contraction runs over the
  // filter width and N is the channel multiplier.
  const input = tf.reshape(tf.transpose(a, [1, 2, 0]), [m, 1, k, batch]) as tf.Tensor4D;
  const filter = tf.reshape(tf.transpose(b, [1, 0, 2]), [1, k, batch, n]) as tf.Tensor4D;
  return tf.transpose(tf.reshape(tf.depthwiseConv2d(input, filter, 1, 'valid'), [m, batch, n]), [1, 0, 2]);
}

/**
 * Product of a batch with one shared right operand: x [B, M, K] · w [K, N] → [B, M, N], as ONE 2-D matMul of
 * [B·M, K] by [K, N] (XNNPACK packs w once).
 */
export function matMulShared(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const [batch, m, k] = x.shape as [number, number, number];
  const n = w.shape[1]!;
  return tf.reshape(tf.matMul(tf.reshape(x, [batch * m, k]) as tf.Tensor2D, w as tf.Tensor2D), [batch, m, n]);
}

/**
 * Product of one shared left operand with a batch: w [M, K] · x [B, K, N] → [B, M, N], as ONE 2-D matMul of
 * w by x arranged [K, B·N] (one transpose in, one out).
 */
export function sharedMatMul(w: tf.Tensor, x: tf.Tensor): tf.Tensor {
  const [batch, k, n] = x.shape as [number, number, number];
  const m = w.shape[0]!;
  if (batch === 1) return tf.reshape(tf.matMul(w as tf.Tensor2D, tf.reshape(x, [k, n]) as tf.Tensor2D), [1, m, n]);
  const columns = tf.reshape(tf.transpose(x, [1, 0, 2]), [k, batch * n]);
  return tf.transpose(tf.reshape(tf.matMul(w as tf.Tensor2D, columns as tf.Tensor2D), [m, batch, n]), [1, 0, 2]);
}
