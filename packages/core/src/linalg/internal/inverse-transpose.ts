import type * as tf from '@tensorflow/tfjs-core';
import { inv } from '../inv.js';
import { transposeMatrices } from './matrix-batch.js';

/**
 * A⁻ᵀ for the gradients of det and slogdet (through {@link inv}, so itself differentiable). At a singular
 * matrix the formula has no value: the error names `opName` and carries inv's message with the batch index.
 */
export function inverseTranspose(a: tf.Tensor, opName: string): tf.Tensor {
  try {
    return transposeMatrices(inv(a));
  } catch (error) {
    throw new Error(`${opName}: no gradient at a singular matrix (it needs A⁻¹; ${(error as Error).message})`);
  }
}
