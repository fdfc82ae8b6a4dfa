import * as tf from '@tensorflow/tfjs-core';

/**
 * Wraps webgpu `ArgMax` / `ArgMin` so that the result has the shape of the input without the reduced axis:
 * tfjs-backend-webgpu 4.22 returns shape [1] instead of [] for a rank-1 input (the values are right), which
 * breaks e.g. `broadcastTo(argMax(v), [])`. O(1): a reshape of the shipped result when its shape is off.
 */
export function guardArgReduceShape(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as Record<'x', tf.TensorInfo>;
    const { axis } = args.attrs as unknown as tf.ArgMaxAttrs;
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const [outShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
    const result = shipped(args) as tf.TensorInfo;
    if (tf.util.arraysEqual(result.shape, outShape)) return result;
    return tf.tidy(() => {
      const wrapped = tf.engine().makeTensorFromTensorInfo(result);
      return tf.reshape(wrapped, outShape);
    });
  };
}
