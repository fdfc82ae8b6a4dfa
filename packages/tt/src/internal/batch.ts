import * as tf from '@tensorflow/tfjs-core';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * The batch size of the result of a binary op (T3F's broadcasting): undefined when both are single TTs;
 * a single TT or a batch of 1 broadcasts against a batch of B.
 *
 * @throws Error naming `fn` when two batch sizes differ and neither is 1.
 */
export function broadcastBatchSize(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
  fn: string,
): number | undefined {
  const sizes = [a, b].filter((x) => x instanceof TensorTrainBatch).map((x) => (x as TensorTrainBatch).batchSize);
  if (sizes.length === 0) return undefined;
  const larger = Math.max(...sizes);
  if (sizes.some((size) => size !== larger && size !== 1)) {
    throw new Error(
      `${fn}: batch sizes ${sizes.join(' and ')} do not broadcast (they must be equal, or one of them 1)`,
    );
  }
  return larger;
}

/**
 * The cores of `tt` with a batch axis of size `batchSize` in front: a single TT or a batch of 1 is
 * broadcast (tiled, so that gradients of later batched matMuls work; tfjs cannot reduce broadcast matMul
 * gradients). A matrix core [r, m, n, r′] is kept 4-D (plus batch).
 */
export function coresWithBatch(tt: TensorTrain | TensorTrainBatch, batchSize: number): tf.Tensor[] {
  return tt.cores.map((core) => {
    const batched = tt instanceof TensorTrain ? tf.expandDims(core, 0) : core;
    return batched.shape[0] === batchSize ? batched : tf.broadcastTo(batched, [batchSize, ...batched.shape.slice(1)]);
  });
}

/** Wraps cores with a batch axis as a TensorTrainBatch, or drops the axis again when the result is single. */
export function fromBatchedCores(cores: tf.Tensor[], batchSize: number | undefined): TensorTrain | TensorTrainBatch {
  return batchSize === undefined
    ? new TensorTrain(cores.map((core) => tf.squeeze(core, [0])))
    : new TensorTrainBatch(cores);
}
