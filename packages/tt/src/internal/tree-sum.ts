import * as tf from '@tensorflow/tfjs-core';
import { roundCores } from '../decompositions/round.js';
import { modeSizes, type RawShape } from '../shapes.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { coreModes } from './cores.js';

/**
 * Sums L groups of TT objects in binary-tree order with rounding after every pairwise sum (T3F's
 * `approximate.add_n` / `reduce_sum_batch` scheme): round(round(x_1 + x_2) + round(x_3 + x_4)) and so on, an
 * odd level padded with a zero TT. `cores[k]` is [L, C, r_{k−1}, ...modes, r_k]: L terms for each of C
 * independent sums. Each level is one batched {@link round} of ⌈L/2⌉·C elements, built from the block cores of
 * `add` ([A_1 B_1], diag(A_k, B_k), [A_d; B_d]; for d = 1 the cores add) with a few ops per core.
 * `maxRanks` are expanded rank caps; the inputs must be finite (checked by the callers). Returns the cores
 * [C, r_{k−1}, ...modes, r_k] of the C sums (unrounded when L = 1). Call inside a tidy.
 */
export function treeSum(
  cores: readonly tf.Tensor[],
  rawShape: RawShape,
  maxRanks: readonly number[],
  epsilon: number | undefined,
): tf.Tensor[] {
  const d = cores.length;
  const sizes = modeSizes(rawShape);
  let level = [...cores];
  while (level[0]!.shape[0]! > 1) {
    const terms = level[0]!.shape[0]!;
    const count = level[0]!.shape[1]!;
    const pairs = Math.ceil(terms / 2);
    const sums = level.map((core, k) => {
      const left = core.shape[2]!;
      const right = core.shape[core.rank - 1]!;
      const modes = coreModes(rawShape, k);
      const even = terms % 2 === 0 ? core : tf.concat([core, tf.zeros([1, ...core.shape.slice(1)])], 0);
      const x = tf.reshape(even, [pairs, 2, count, left, sizes[k]!, right]);
      if (d === 1) return tf.reshape(tf.sum(x, 1), [pairs * count, 1, ...modes, 1]);
      if (k === 0) {
        return tf.reshape(tf.transpose(x, [0, 2, 3, 4, 1, 5]), [pairs * count, 1, ...modes, 2 * right]);
      }
      const stacked = tf.transpose(x, [0, 2, 1, 3, 4, 5]);
      if (k === d - 1) return tf.reshape(stacked, [pairs * count, 2 * left, ...modes, 1]);
      const blocks = tf.mul(
        tf.reshape(stacked, [pairs * count, 2, left, sizes[k]!, 1, right]),
        tf.reshape(tf.eye(2), [1, 2, 1, 1, 2, 1]),
      );
      return tf.reshape(blocks, [pairs * count, 2 * left, ...modes, 2 * right]);
    });
    const rounded = roundCores(new TensorTrainBatch(sums), pairs * count, maxRanks, epsilon);
    level = rounded.cores.map((core) => tf.reshape(core, [pairs, count, ...core.shape.slice(1)]));
  }
  return level.map((core) => tf.reshape(core, core.shape.slice(1)));
}
