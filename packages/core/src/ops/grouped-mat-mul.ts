import * as tf from '@tensorflow/tfjs-core';

/**
 * G independent products x[:, :, g] · f[:, g, :]: x [M, K, G], f [K, G, N] → [M, G, N], as ONE depthwise
 * convolution (input [M, 1, K, G] in NHWC, filter [1, K, G, N], valid padding: group g is channel g, the
 * contraction runs over the filter width, N is the channel multiplier). The fast batched product on wasm,
 * whose batched matMul is a scalar loop; its gradients are grouped products again, so it can be differentiated
 * any number of times. Internal to the ops layer: callers use {@link batchMatMul} or `contract`.
 *
 * Complexity: 2·M·K·G·N flops.
 */
export function groupedMatMul(x: tf.Tensor, f: tf.Tensor): tf.Tensor {
  return groupedMatMulOp(x, f);
}

const groupedMatMulOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, f, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([x, f]);
  const [m, k, g] = x.shape as [number, number, number];
  const n = f.shape[2]!;
  const conv = tf.depthwiseConv2d(
    tf.reshape(x, [m, 1, k, g]) as tf.Tensor4D,
    tf.reshape(f, [1, k, g, n]) as tf.Tensor4D,
    1,
    'valid',
  );
  return {
    value: tf.reshape(conv, [m, g, n]),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, fs] = saved as [tf.Tensor, tf.Tensor];
      // dx[m, k, g] = Σ_n dy[m, g, n]·f[k, g, n]; df[k, g, n] = Σ_m x[m, k, g]·dy[m, g, n].
      const dx = tf.transpose(groupedMatMul(tf.transpose(dy, [0, 2, 1]), tf.transpose(fs, [2, 1, 0])), [0, 2, 1]);
      const df = groupedMatMul(tf.transpose(xs, [1, 0, 2]), dy);
      return [dx, df];
    },
  };
});
