import * as tf from '@tensorflow/tfjs-core';
import { asTensor } from './spatial.js';

/**
 * `UnsortedSegmentSum` (used by the gradient of `gather`) from ops the wasm backend has: one `scatterND`,
 * which adds updates that share an index.
 *
 * out[s, ...] = Σ_{i : segmentIds[i] = s} x[i, ...]; ids outside [0, numSegments) are dropped, as in
 * TensorFlow. Inputs x [...ids.shape, ...rest] and segmentIds (int32); output [numSegments, ...rest],
 * dtype of x. Cost: O(x.size).
 */
export const unsortedSegmentSumKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const { x, segmentIds } = inputs as Record<'x' | 'segmentIds', tf.TensorInfo>;
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
  return tf.tidy(() => {
    const ids = tf.reshape(asTensor(segmentIds), [-1]);
    const count = ids.shape[0];
    const rest = x.shape.slice(segmentIds.shape.length);
    const outShape = [numSegments, ...rest];
    if (count === 0) return tf.zeros(outShape, x.dtype);
    const valid = tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, numSegments));
    const safeIds = tf.where(valid, ids, tf.zerosLike(ids));
    const keep = tf.reshape(tf.cast(valid, x.dtype), [count, ...rest.map(() => 1)]);
    const updates = tf.mul(tf.reshape(asTensor(x), [count, ...rest]), keep);
    return tf.scatterND(tf.reshape(safeIds, [count, 1]), updates, outShape);
  });
};
