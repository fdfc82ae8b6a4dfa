import * as tf from '@tensorflow/tfjs-core';

/** Storage buffers per shader stage that WebGPU guarantees (the default limit tfjs's device gets). */
const DEFAULT_STORAGE_BUFFERS = 8;

/**
 * Wraps the webgpu `AddN` kernel so that sums of many tensors are right: its shader binds every input and
 * the output as storage buffers, and with more than `maxStorageBuffersPerShaderStage − 1` inputs (7 by
 * default) the pipeline is invalid and the output is left unwritten (garbage, with a validation message on
 * stderr). The inputs are summed in groups that fit, then the partial sums. O(n) inputs, ⌈n/7⌉ + … kernels.
 */
export function guardAddN(shipped: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const inputs = Object.values(args.inputs as Record<string, tf.TensorInfo>);
    const limits = (args.backend as unknown as { device?: { limits?: { maxStorageBuffersPerShaderStage?: number } } })
      .device?.limits;
    const maxInputs = (limits?.maxStorageBuffersPerShaderStage ?? DEFAULT_STORAGE_BUFFERS) - 1;
    if (inputs.length <= maxInputs) return shipped(args);
    return tf.tidy(() => {
      let terms = inputs;
      while (terms.length > maxInputs) {
        const partial: tf.TensorInfo[] = [];
        for (let start = 0; start < terms.length; start += maxInputs) {
          const group = terms.slice(start, start + maxInputs);
          const sum = group.length === 1 ? group[0]! : (shipped({ ...args, inputs: asInputs(group) }) as tf.TensorInfo);
          partial.push(group.length === 1 ? sum : tf.engine().makeTensorFromTensorInfo(sum));
        }
        terms = partial;
      }
      return tf.engine().makeTensorFromTensorInfo(shipped({ ...args, inputs: asInputs(terms) }) as tf.TensorInfo);
    });
  };
}

/** tfjs passes the inputs of `AddN` as an array (where other kernels get a record of named inputs). */
const asInputs = (terms: tf.TensorInfo[]) => terms as unknown as tf.NamedTensorInfoMap;
