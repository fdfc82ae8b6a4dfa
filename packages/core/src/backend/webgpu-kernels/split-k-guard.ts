import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from '../wasm-kernels/spatial.js';

/** Shortest shared dimension for which tfjs-backend-webgpu 4.22 may pick its split-K matMul shader. */
const SPLIT_K_MIN_INNER = 2000;

/**
 * Wraps webgpu `BatchMatMul` / `_FusedMatMul` so that products with `transposeB` that tfjs would run with its
 * split-K shader are right: that shader (picked for one batch, a shared dimension ≥ 2000 and a small output)
 * reads `b` wrongly when it is transposed (errors of the size of the result, e.g. [24, 4096]·[20, 4096]ᵀ), so
 * `b` is transposed explicitly first. Other products run unchanged. Cost when it applies: one transpose of b.
 */
export function guardSplitKTransposeB(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as Record<'a' | 'b', tf.TensorInfo>;
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
    const inner = transposeA ? a.shape[a.shape.length - 2]! : a.shape[a.shape.length - 1]!;
    const batch = Math.max(tf.util.sizeFromShape(a.shape.slice(0, -2)), tf.util.sizeFromShape(b.shape.slice(0, -2)));
    if (!transposeB || inner < SPLIT_K_MIN_INNER || batch !== 1) return shipped(args);
    return tf.tidy(() => {
      const rank = b.shape.length;
      const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
      const inputs = { ...args.inputs, b: tf.transpose(asTensor(b), perm) };
      const attrs = { ...args.attrs, transposeB: false };
      return tf.engine().makeTensorFromTensorInfo(shipped({ ...args, inputs, attrs }) as tf.TensorInfo);
    });
  };
}
