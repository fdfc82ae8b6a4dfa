import type * as tf from '@tensorflow/tfjs-core';
import type { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { unravel } from './unravel.js';

/**
 * Why the decompositions refuse non-finite input: one NaN or ±Infinity entry makes every factor of a QR or SVD
 * NaN, so the result would be NaN everywhere (T3F returns that silently).
 */
const REASON = 'the QR and SVD sweeps of a decomposition would make every entry of the result NaN';

/** The index of the first NaN or ±Infinity among `values`, or −1. */
function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) return i;
  }
  return -1;
}

/**
 * Checks that a dense tensor has only finite entries (reads it to the host: one pass over data the host SVDs of
 * a decomposition read anyway).
 *
 * @throws Error naming `fn`, `arg`, the value and its multi-index otherwise.
 */
export function checkFiniteDense(x: tf.Tensor, fn: string, arg: string): void {
  const values = x.dataSync() as Float32Array;
  const at = firstNonFinite(values);
  if (at >= 0) {
    throw new Error(
      `${fn}: argument '${arg}' has a non-finite entry ${values[at]} at [${unravel(at, x.shape).join(',')}]; ${REASON}`,
    );
  }
}

/**
 * Checks that the cores of a TT object have only finite entries (reads them to the host, as the host QRs of
 * orthogonalization and rounding do).
 *
 * @throws Error naming `fn`, `arg`, the core, the batch element and the position of the first non-finite entry.
 */
export function checkFiniteCores(tt: TensorTrain | TensorTrainBatch, fn: string, arg: string): void {
  tt.cores.forEach((core, k) => {
    const values = core.dataSync() as Float32Array;
    const at = firstNonFinite(values);
    if (at < 0) return;
    const index = unravel(at, core.shape);
    const where =
      tt instanceof TensorTrainBatch
        ? `in core ${k} of batch element ${index[0]} at [${index.slice(1).join(',')}]`
        : `in core ${k} at [${index.join(',')}]`;
    throw new Error(`${fn}: argument '${arg}' has a non-finite entry ${values[at]} ${where}; ${REASON}`);
  });
}
