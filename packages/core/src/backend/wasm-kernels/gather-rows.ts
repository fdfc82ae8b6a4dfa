import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './spatial.js';

/**
 * Wraps tfjs-backend-wasm's `GatherV2` so that gathers along axis 0 (rows of a table: embeddings, the patches
 * and positions of masked convolutions) run as `GatherNd` with the indices as [..., 1]: the shipped GatherV2
 * copies element by element, 48 ns per value, 18x slower than GatherNd's row copies (50,000 rows of 64 from a
 * [100352, 64] table: 154 ms vs 8.3 ms, wasm-kernels.bench.ts). Same values: both copy rows; indices outside
 * [0, rows) are the caller's error either way (tf.gather does not check them on wasm). Gathers along other axes
 * and with batch dimensions run the shipped kernel.
 *
 * Inputs x [n, ...rest], indices int32 [...idx]; output [...idx, ...rest].
 */
export function guardGatherRows(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs as Record<'x' | 'indices', tf.TensorInfo>;
    const { axis, batchDims } = args.attrs as unknown as tf.GatherV2Attrs;
    const rank = x.shape.length;
    const normalized = axis < 0 ? axis + rank : axis;
    if (normalized !== 0 || (batchDims ?? 0) !== 0 || rank < 2 || indices.dtype !== 'int32') return shipped(args);
    return tf.tidy(() => tf.gatherND(asTensor(x), tf.expandDims(asTensor(indices), -1)));
  };
}
