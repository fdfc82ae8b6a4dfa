import * as tf from '@tensorflow/tfjs-core';
import { backendProfile } from './backend-profile.js';
import { groupedMatMul } from './grouped-mat-mul.js';
import { assertProductShapes } from './product-shapes.js';

/**
 * Batched product a[b]·b[b] of a [B, M, K] and b [B, K, N] → [B, M, N], for operands that differ per batch
 * element. Strategy per backend ({@link backendProfile}): on wasm, whose batched matMul is a scalar loop for
 * B > 1, one grouped (depthwise) convolution from 2^17 multiply-adds on; `tf.matMul` otherwise (for B = 1 one
 * kernel, as fast as a 2-D product: 1.04 vs 1.06 ms for 1000×100·100×100 on wasm). Differentiable.
 *
 * Complexity: 2·B·M·K·N flops; 1 kernel, or 5 (with transposes) on the grouped path.
 *
 * @throws Error naming `batchMatMul` unless a and b are float32 tensors [B, M, K] and [B, K, N].
 * @example
 * batchMatMul(tf.ones([100, 10, 20]), tf.ones([100, 20, 10])); // [100, 10, 10]
 */
export function batchMatMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  assertProductShapes('batchMatMul', a, b, 3, 3, (x, y) => x[0] === y[0] && x[2] === y[1], '[B, M, K] and [B, K, N]');
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  return tf.tidy(() => {
    if (batch === 1 || batch * m * k * n < backendProfile().groupedProductWork) {
      return tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D);
    }
    // Group g = batch element g: x [M, K, G], f [K, G, N].
    return tf.transpose(groupedMatMul(tf.transpose(a, [1, 2, 0]), tf.transpose(b, [1, 0, 2])), [1, 0, 2]);
  });
}

/**
 * Product of a batch with one shared right operand: x [B, M, K] · w [K, N] → [B, M, N], as ONE 2-D matMul of
 * [B·M, K] by [K, N] (w is packed once where the backend packs weights). Differentiable.
 *
 * Complexity: 2·B·M·K·N flops, 1 kernel (plus reshapes).
 *
 * @throws Error naming `matMulShared` unless x and w are float32 tensors [B, M, K] and [K, N].
 */
export function matMulShared(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  assertProductShapes('matMulShared', x, w, 3, 2, (p, q) => p[2] === q[0], '[B, M, K] and [K, N]', ['x', 'w']);
  const [batch, m, k] = x.shape as [number, number, number];
  const n = w.shape[1]!;
  return tf.tidy(() =>
    tf.reshape(tf.matMul(tf.reshape(x, [batch * m, k]) as tf.Tensor2D, w as tf.Tensor2D), [batch, m, n]),
  );
}

/**
 * Product of one shared left operand with a batch: w [M, K] · x [B, K, N] → [B, M, N], as ONE 2-D matMul of
 * w by x arranged [K, B·N] (one transpose in, one out). Differentiable.
 *
 * Complexity: 2·B·M·K·N flops, 3 kernels for B > 1.
 *
 * @throws Error naming `sharedMatMul` unless w and x are float32 tensors [M, K] and [B, K, N].
 */
export function sharedMatMul(w: tf.Tensor, x: tf.Tensor): tf.Tensor {
  assertProductShapes('sharedMatMul', w, x, 2, 3, (p, q) => p[1] === q[1], '[M, K] and [B, K, N]', ['w', 'x']);
  const [batch, k, n] = x.shape as [number, number, number];
  const m = w.shape[0]!;
  return tf.tidy(() => {
    if (batch === 1) return tf.reshape(tf.matMul(w as tf.Tensor2D, tf.reshape(x, [k, n]) as tf.Tensor2D), [1, m, n]);
    const columns = tf.reshape(tf.transpose(x, [1, 0, 2]), [k, batch * n]);
    return tf.transpose(tf.reshape(tf.matMul(w as tf.Tensor2D, columns as tf.Tensor2D), [m, batch, n]), [1, 0, 2]);
  });
}
