import * as tf from '@tensorflow/tfjs-core';

/**
 * Converts an argument of a public op to a float32 tensor (tfjs's `convertToTensor` with our naming):
 * errors name the op and the argument. Tensors of other float dtypes are cast; int32 and bool are cast
 * to float32 as well, since every op here computes in floating point.
 */
export function toFloatTensor(x: tf.Tensor | tf.TensorLike, arg: string, opName: string): tf.Tensor {
  if (x instanceof tf.Tensor) {
    if (x.isDisposed) throw new Error(`${opName}: argument '${arg}' is a disposed tensor`);
    if (x.dtype === 'string' || x.dtype === 'complex64') {
      throw new Error(`${opName}: argument '${arg}' must be numeric, got dtype ${x.dtype}`);
    }
    return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  }
  if (
    typeof x === 'string' ||
    (Array.isArray(x) && x.flat(Number.POSITIVE_INFINITY as 1).some((v) => typeof v !== 'number'))
  ) {
    throw new Error(`${opName}: argument '${arg}' must be numeric`);
  }
  return tf.tensor(x as tf.TensorLike, undefined, 'float32');
}
