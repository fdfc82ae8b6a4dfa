import { alias } from '@proj/core/ops';
import { TensorTrain, TensorTrainBatch } from '@proj/tt';
import * as tf from '@tensorflow/tfjs-core';
import type { TangentSpace } from '../tangent-space.js';
import { TangentVector } from '../tangent-vector.js';
import { assembleCores, sliceDeltas } from './blocks.js';

/**
 * The tangent vector Σ_k U_{<k}·δ_k·V_{>k} at `space` (which it takes over) as a single TT (`batchSize`
 * undefined; δ_k may carry a leading axis of 1) or a batch. Call inside a tidy.
 */
export function vectorFromDeltas(
  space: TangentSpace,
  deltas: readonly tf.Tensor[],
  batchSize: number | undefined,
): TangentVector {
  const cores = assembleCores(space, deltas, batchSize);
  return new TangentVector(batchSize === undefined ? new TensorTrain(cores) : new TensorTrainBatch(cores), space);
}

/** A TT object with new handles on the same core data (no copy). */
export function copyTT<T extends TensorTrain | TensorTrainBatch>(tt: T): T {
  const cores = tt.cores.map((core) => alias(core));
  return (tt instanceof TensorTrainBatch ? new TensorTrainBatch(cores) : new TensorTrain(cores)) as T;
}

/** A second handle on a tangent vector (its cores and space cloned, no copy of data). */
export function copyVector<V extends TangentVector>(v: V): V {
  return new TangentVector(copyTT(v.tt), v.space.clone()) as V;
}

/** −v: a new tangent vector at v's point. */
export function negated<V extends TangentVector>(v: V): V {
  return tf.tidy(() => {
    const deltas = sliceDeltas(v.space, v.tt.cores, v.batchSize !== undefined).map((delta) => tf.neg(delta));
    return vectorFromDeltas(v.space.clone(), deltas, v.batchSize) as unknown as tf.TensorContainer;
  }) as unknown as V;
}
