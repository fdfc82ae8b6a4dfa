import type * as tf from '@tensorflow/tfjs-core';
import { describeValue } from './internal/describe.js';
import { formatRawShape } from './shapes.js';
import { TensorTrainBase, type TensorTrainOptions } from './tensor-train-base.js';

/** Options of the {@link TensorTrainBatch} constructor. */
export interface TensorTrainBatchOptions extends TensorTrainOptions {
  /** Expected batch size; inferred from the cores when absent. */
  readonly batchSize?: number;
}

/**
 * A batch of TT objects with a common raw shape and common TT-ranks (T3F's `TensorTrainBatch`): every core
 * has a leading batch axis, [B, r_{k−1}, n_k, r_k] or [B, r_{k−1}, m_k, n_k, r_k]. Batched algorithms run
 * all elements through the same reshapes and matMuls, which is where TT code gets its speed in tfjs (one op
 * call costs ~40 µs however small it is).
 *
 * The constructor validates the cores and takes ownership of them (`dispose()` frees them); it throws an Error
 * naming `TensorTrainBatch` as {@link TensorTrain}'s does, and for a declared `batchSize` that does not match.
 */
export class TensorTrainBatch extends TensorTrainBase {
  /** Number of TT objects B. */
  readonly batchSize: number;

  constructor(cores: readonly tf.Tensor[], options: TensorTrainBatchOptions = {}) {
    super(cores, true, options, 'TensorTrainBatch', ['shape', 'ranks', 'batchSize']);
    this.batchSize = cores[0]!.shape[0]!;
    const declared = options?.batchSize;
    if (declared !== undefined && declared !== this.batchSize) {
      throw new Error(
        `TensorTrainBatch: declared batch size ${describeValue(declared)} does not match the cores' ${this.batchSize}`,
      );
    }
  }

  /** Dense shape of the batch: [B, ...shape of one element], exact. */
  override get shape(): bigint[] {
    return [BigInt(this.batchSize), ...super.shape];
  }

  override toString(): string {
    const kind = this.isMatrix ? 'TT-Matrices' : 'Tensor Trains';
    return `A batch of ${this.batchSize} ${kind} of shape ${formatRawShape(this.rawShape)}, TT-ranks [${this.ranks.join(',')}]`;
  }
}
