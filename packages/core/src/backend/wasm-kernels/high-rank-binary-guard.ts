import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './spatial.js';

/** Largest output rank tfjs-backend-wasm's XNNPACK elementwise binary kernels compute correctly. */
const MAX_RANK = 6;

/**
 * Wraps a tfjs-backend-wasm binary elementwise kernel (`Add`, `Sub`, `Multiply`, `RealDiv`,
 * `SquaredDifference`) so that outputs of rank 7 or more are right.
 *
 * Those kernels run XNNPACK's N-d operators, which reject more than 6 dimensions ("XNN status … 4") and leave
 * the output uninitialized: garbage, silently (for example `tf.sub` of two [2, 2, 2, 2, 2, 2, 2] tensors).
 * Here the axes are coalesced first: size-1 output axes are dropped and neighbouring axes are merged where
 * both inputs are either complete or broadcast along both, which keeps any broadcasting pattern intact; the
 * result is reshaped back. Should more than 6 axes remain (more than 6 alternating broadcast axes), both
 * operands are broadcast explicitly and flattened. Outputs of rank ≤ 6 run unchanged.
 */
export function guardHighRankBinary(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as Record<'a' | 'b', tf.TensorInfo>;
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    if (outShape.length <= MAX_RANK) return shipped(args);
    const merged = coalesce(a.shape, b.shape, outShape);
    return tf.tidy(() => {
      const operand = (x: tf.TensorInfo, shape: number[]) => {
        const reshaped = tf.reshape(asTensor(x), shape);
        if (merged.out.length <= MAX_RANK) return reshaped;
        return tf.reshape(tf.broadcastTo(reshaped, merged.out), [-1]);
      };
      const inputs = { a: operand(a, merged.a), b: operand(b, merged.b) };
      const result = shipped({ ...args, inputs }) as tf.TensorInfo;
      return tf.reshape(tf.engine().makeTensorFromTensorInfo(result), outShape);
    });
  };
}

/**
 * Shapes of the same elementwise computation with fewer axes: right-aligns `a` and `b` against `out`, drops
 * size-1 output axes, and merges neighbouring axes where each input is complete (size of the output) on both
 * or broadcast (size 1) on both.
 */
export function coalesce(
  aShape: readonly number[],
  bShape: readonly number[],
  outShape: readonly number[],
): { a: number[]; b: number[]; out: number[] } {
  const rank = outShape.length;
  const pad = (shape: readonly number[]) => [...new Array<number>(rank - shape.length).fill(1), ...shape];
  const [a, b] = [pad(aShape), pad(bShape)];
  const dims: Array<{ a: number; b: number; out: number }> = [];
  const sameKind = (x1: number, o1: number, x2: number, o2: number) =>
    (x1 === o1 && x2 === o2) || (x1 === 1 && x2 === 1);
  outShape.forEach((out, i) => {
    if (out === 1) return;
    const next = { a: a[i]!, b: b[i]!, out };
    const last = dims[dims.length - 1];
    if (last !== undefined && sameKind(last.a, last.out, next.a, out) && sameKind(last.b, last.out, next.b, out)) {
      last.a *= next.a;
      last.b *= next.b;
      last.out *= out;
    } else {
      dims.push(next);
    }
  });
  return { a: dims.map((dim) => dim.a), b: dims.map((dim) => dim.b), out: dims.map((dim) => dim.out) };
}
