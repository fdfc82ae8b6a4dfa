import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from '../wasm-kernels/spatial.js';

/** Largest rank of tfjs-backend-webgpu 4.22's transpose shader ("GPU for rank 7 is not yet supported"). */
const MAX_RANK = 6;

/**
 * The permutation `perm` of an array of `shape` on fewer axes: size-1 axes dropped, and input axes merged where
 * they stay neighbours, in order, in the output. Returns the merged input shape and the permutation of the
 * merged axes (the same data movement). O(rank²).
 */
export function coalescePermutation(
  shape: readonly number[],
  perm: readonly number[],
): { shape: number[]; perm: number[] } {
  const nextKept = (axis: number): number => {
    let next = axis + 1;
    while (next < shape.length && shape[next] === 1) next++;
    return next;
  };
  // Runs of input axes that stay together, in output order: [first input axis, last input axis, size].
  const runs: [number, number, number][] = [];
  for (const axis of perm) {
    if (shape[axis] === 1) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && axis === nextKept(last[1])) {
      last[1] = axis;
      last[2] *= shape[axis]!;
    } else runs.push([axis, axis, shape[axis]!]);
  }
  const byInput = [...runs].sort((a, b) => a[0] - b[0]);
  return { shape: byInput.map((run) => run[2]), perm: runs.map((run) => byInput.indexOf(run)) };
}

/**
 * Wraps the webgpu `Transpose` kernel so that inputs of rank 7 or more work (tensor-train code transposes
 * 7- and 8-D views): the permutation runs on merged axes ({@link coalescePermutation}), on the GPU when that
 * leaves at most 6; otherwise on the host (one read-back, a strided copy, one upload). Ranks ≤ 6 run
 * unchanged. O(size).
 */
export function guardHighRankTranspose(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    const { perm } = args.attrs as unknown as tf.TransposeAttrs;
    if (x.shape.length <= MAX_RANK) return shipped(args);
    const outShape = perm.map((axis) => x.shape[axis]!);
    const merged = coalescePermutation(x.shape, perm);
    return tf.tidy(() => {
      const input = asTensor(x);
      if (merged.shape.length <= MAX_RANK) {
        return tf.reshape(tf.transpose(tf.reshape(input, merged.shape), merged.perm), outShape);
      }
      return tf.tensor(hostTranspose(input.dataSync(), merged.shape, merged.perm), outShape, x.dtype);
    });
  };
}

/** The values of a row-major array of `shape` permuted by `perm`, in a new array of the same type. O(size). */
function hostTranspose<T extends tf.TypedArray>(values: T, shape: readonly number[], perm: readonly number[]): T {
  const rank = shape.length;
  const strides = new Array<number>(rank);
  for (let axis = rank - 1, stride = 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  const outShape = perm.map((axis) => shape[axis]!);
  const outStrides = perm.map((axis) => strides[axis]!);
  const out = new (values.constructor as new (n: number) => T)(values.length);
  const index = new Array<number>(rank).fill(0);
  let source = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = values[source]!;
    for (let axis = rank - 1; axis >= 0; axis--) {
      source += outStrides[axis]!;
      if (++index[axis]! < outShape[axis]!) break;
      source -= outStrides[axis]! * outShape[axis]!;
      index[axis] = 0;
    }
  }
  return out;
}
