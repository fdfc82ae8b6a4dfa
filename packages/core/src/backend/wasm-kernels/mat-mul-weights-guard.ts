import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './spatial.js';

/**
 * The layout each tensor data was last used in as the weights (`b`) of a matMul: XNNPACK's fully-connected
 * operator, which tfjs-backend-wasm caches, packs `b` once per tensor id.
 */
const weightLayouts = new WeakMap<tf.DataId, string>();

/**
 * Wraps tfjs-backend-wasm's `BatchMatMul` or `_FusedMatMul` so that reusing a tensor's data as `b` with another
 * shape is safe.
 *
 * The shipped kernels cache the XNNPACK operator (with the packed weights) by the id of `b`'s data and not by
 * its shape. Reshapes share data, so after `matMul(x, reshape(w, [3, 4]))`, a later
 * `matMul(y, reshape(w, [12, 1]))` reuses weights packed for 3×4: wrong results, then heap corruption and
 * `Aborted()`. This wrapper remembers the first layout of each data; a call with another layout runs on a
 * private copy of `b` (one elementwise copy, O(size of b)). Calls with the first layout are unchanged.
 */
export function guardWeightReuse(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const inputs = args.inputs as Record<string, tf.TensorInfo>;
    const b = inputs.b!;
    const layout = `${b.shape.join(',')}|${String((args.attrs as { transposeB?: boolean }).transposeB)}`;
    const known = weightLayouts.get(b.dataId);
    if (known === undefined) weightLayouts.set(b.dataId, layout);
    if (known === undefined || known === layout) return shipped(args);
    const copy = tf.tidy(() => tf.add(asTensor(b), 0));
    weightLayouts.set(copy.dataId, layout);
    try {
      return shipped({ ...args, inputs: { ...inputs, b: copy } });
    } finally {
      copy.dispose();
    }
  };
}
