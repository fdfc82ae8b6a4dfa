import type * as tf from '@tensorflow/tfjs-core';

/**
 * `Identity` without a copy, as the cpu backend does it: the output shares the input's data (one more
 * reference), like wasm's own `Reshape`. The shipped kernel copies the whole tensor; training calls it about
 * 24 times per step of a small CNN (gradients passed through, cloned variables), ~8 MB of copies per step.
 * Inputs x; output x's data, shape and dtype. O(1).
 */
export const identityKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as tf.KernelBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
};
