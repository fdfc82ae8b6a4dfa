import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './spatial.js';

/** a with its last two axes swapped. */
function swapLastAxes(a: tf.TensorInfo): tf.Tensor {
  const rank = a.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
  return tf.transpose(asTensor(a), perm);
}

/**
 * Wraps tfjs-backend-wasm's `_FusedMatMul` so that a bias, PReLU weights or an activation with `transposeA` or
 * `transposeB` gives the right values. The shipped kernel adds the bias wrongly when either operand is
 * transposed (max |wasm − cpu| 0.83 on a 4×5·(3×5)ᵀ product with bias), and applies relu wrongly with
 * `transposeB` from k = 2048 on (values off by up to 300 relative); plain transposed products are right. Such
 * calls transpose the operand explicitly (one Transpose kernel, O(size)) and run untransposed; all other calls
 * run the shipped kernel unchanged.
 *
 * Inputs a [..., m, k] (or [..., k, m] with transposeA), b [..., k, n] (or [..., n, k]), bias [n]; output
 * [..., m, n].
 */
export function guardFusedTransposes(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const inputs = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const { transposeA, transposeB, activation } = args.attrs as unknown as tf._FusedMatMulAttrs;
    const fused = inputs.bias != null || inputs.preluActivationWeights != null || activation !== 'linear';
    if (!fused || (!transposeA && !transposeB)) return shipped(args);
    const a = transposeA ? swapLastAxes(inputs.a!) : undefined;
    const b = transposeB ? swapLastAxes(inputs.b!) : undefined;
    try {
      return shipped({
        ...args,
        inputs: { ...inputs, a: a ?? inputs.a!, b: b ?? inputs.b! } as tf.NamedTensorInfoMap,
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      tf.dispose([a, b].filter((t): t is tf.Tensor => t !== undefined));
    }
  };
}
