import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './spatial.js';

/**
 * Multiply-adds from which a transposed product runs untransposed: at 32·32·32 the explicit transpose already
 * wins (0.049 vs 0.062 ms), at 128³ it is 10x faster, at 512³ 12x (wasm-kernels.bench.ts, "transposed matMul").
 */
const UNTRANSPOSE_FROM = 32 * 32 * 32;
/** Below this many rows of a, a·bᵀ runs as (b·aᵀ)ᵀ: transposing b would repack all of its k·n weights per call. */
const FEW_ROWS = 16;

/** a with its last two axes swapped. */
function swapLastAxes(a: tf.TensorInfo): tf.Tensor {
  const rank = a.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
  return tf.transpose(asTensor(a), perm);
}

/**
 * Wraps tfjs-backend-wasm's `BatchMatMul` and `_FusedMatMul` for products with `transposeA` or `transposeB`.
 *
 * Speed: the shipped kernels run transposed operands through a plain loop instead of XNNPACK, 10-20x slower than
 * transposing first (128³: 2.9 ms vs 0.24 ms; 512³: 306 ms vs 26 ms): every backward pass of a matMul or dense
 * layer multiplies transposed operands (dW = xᵀ·dy, dx = dy·Wᵀ). From {@link UNTRANSPOSE_FROM} multiply-adds on,
 * the operands are transposed explicitly (one Transpose kernel, O(size)) and the product runs untransposed; a·bᵀ
 * with fewer than {@link FEW_ROWS} rows runs as (b·aᵀ)ᵀ instead (transposing the small a and the small result,
 * as transposing b would make XNNPACK repack all its weights: 2.7 ms vs 0.56 shipped at 1×784×625).
 *
 * Correctness: the shipped `_FusedMatMul` adds the bias wrongly when either operand is transposed (max |wasm −
 * cpu| 0.83 on a 4×5·(3×5)ᵀ product with bias) and applies relu wrongly with `transposeB` from k = 2048 on
 * (values off by up to 300 relative); plain transposed products are right. So fused calls (bias, PReLU weights
 * or an activation) always run with explicitly transposed operands, at every size.
 *
 * Inputs a [..., m, k] (or [..., k, m] with transposeA), b [..., k, n] (or [..., n, k]), bias [n]; output
 * [..., m, n]. Other calls run the shipped kernel unchanged.
 */
export function guardTransposes(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const inputs = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const { transposeA, transposeB, activation } = args.attrs as unknown as Partial<tf._FusedMatMulAttrs>;
    if (!transposeA && !transposeB) return shipped(args);
    const fused = inputs.bias != null || inputs.preluActivationWeights != null || (activation ?? 'linear') !== 'linear';
    const [a, b] = [inputs.a!, inputs.b!];
    const m = a.shape[a.shape.length - (transposeA ? 1 : 2)]!;
    const k = a.shape[a.shape.length - (transposeA ? 2 : 1)]!;
    const n = b.shape[b.shape.length - (transposeB ? 2 : 1)]!;
    if (!fused && m * k * n < UNTRANSPOSE_FROM) return shipped(args);
    const plain = { ...args.attrs, transposeA: false, transposeB: false };
    if (!fused && transposeB && !transposeA && m < FEW_ROWS) {
      return tf.tidy(() => {
        const aT = swapLastAxes(a);
        const product = tf
          .engine()
          .makeTensorFromTensorInfo(
            shipped({ ...args, inputs: { a: b, b: aT } as tf.NamedTensorInfoMap, attrs: plain }) as tf.TensorInfo,
          );
        return swapLastAxes(product);
      });
    }
    const aT = transposeA ? swapLastAxes(a) : undefined;
    const bT = transposeB ? swapLastAxes(b) : undefined;
    try {
      return shipped({
        ...args,
        inputs: { ...inputs, a: aT ?? a, b: bT ?? b } as tf.NamedTensorInfoMap,
        attrs: plain,
      });
    } finally {
      tf.dispose([aT, bT].filter((t): t is tf.Tensor => t !== undefined));
    }
  };
}
