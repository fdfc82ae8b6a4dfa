import * as tf from '@tensorflow/tfjs-core';
import type { RawShape } from '../shapes.js';

/** The mode axes of core k: [n_k] for a TT-tensor, [m_k, n_k] for a TT-matrix. */
export function coreModes(rawShape: RawShape, k: number): number[] {
  return rawShape.map((part) => part[k]!);
}

/**
 * `cores`, with every tensor that is also one of `inputs` replaced by a clone, so that a returned TT object
 * never shares a tensor with its argument (disposing one must not dispose the other). Call inside a tidy.
 */
export function freshCores(cores: readonly tf.Tensor[], inputs: readonly tf.Tensor[]): tf.Tensor[] {
  return cores.map((core) => (inputs.includes(core) ? tf.clone(core) : core));
}
