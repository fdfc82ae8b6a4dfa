import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from '../wasm-kernels/spatial.js';

/** Largest rank tfjs-backend-webgpu 4.22's `Select` shader handles ("Where for rank 5 is not yet supported"). */
const MAX_SELECT_RANK = 4;

/**
 * Wraps the webgpu `Select` kernel (`tf.where`) so that inputs of rank 5 or more work: a condition of the
 * shape of `t` is flattened with `t` and `e` to rank 1; a rank-1 condition (one flag per row) stays, with `t`
 * and `e` viewed as [rows, rest]. The result is reshaped back. Ranks ≤ 4 run unchanged. O(1) extra kernels.
 */
export function guardHighRankSelect(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { condition, t, e } = args.inputs as Record<'condition' | 't' | 'e', tf.TensorInfo>;
    if (t.shape.length <= MAX_SELECT_RANK) return shipped(args);
    return tf.tidy(() => {
      const rows = condition.shape.length === 1 ? [t.shape[0]!, -1] : [-1];
      const inputs = {
        condition: tf.reshape(asTensor(condition), [-1]),
        t: tf.reshape(asTensor(t), rows),
        e: tf.reshape(asTensor(e), rows),
      };
      const result = shipped({ ...args, inputs }) as tf.TensorInfo;
      return tf.reshape(tf.engine().makeTensorFromTensorInfo(result), t.shape);
    });
  };
}

/** Largest output rank of tfjs-backend-webgpu 4.22's shaders ("GPU for rank 7 is not yet supported"). */
const MAX_SHADER_RANK = 6;

/**
 * Wraps a webgpu unary elementwise kernel (input `x`, output of the same shape: `Exp`, `Neg`, `Cast`…) so
 * that inputs of rank 7 or more work: the shader runs on `x` flattened to rank 1 and the result is reshaped
 * back. Ranks ≤ 6 run unchanged. O(1) extra kernels (reshapes share data).
 */
export function guardHighRankUnary(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    if (x.shape.length <= MAX_SHADER_RANK) return shipped(args);
    return tf.tidy(() => {
      const result = shipped({ ...args, inputs: { x: tf.reshape(asTensor(x), [-1]) } }) as tf.TensorInfo;
      return tf.reshape(tf.engine().makeTensorFromTensorInfo(result), x.shape);
    });
  };
}
