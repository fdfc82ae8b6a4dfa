import type * as tf from '@tensorflow/tfjs-core';
import { assertTensor } from '../validation/assert-args.js';

/**
 * Checks the two operands of a product primitive: float32 tensors of ranks `rankA` and `rankB` whose shapes
 * satisfy `fits` (the contracted sizes agree). O(1).
 *
 * @throws Error naming `fn`, the argument and the expected layouts (`[B, M, K] and [B, K, N]`).
 */
export function assertProductShapes(
  fn: string,
  a: unknown,
  b: unknown,
  rankA: number,
  rankB: number,
  fits: (a: readonly number[], b: readonly number[]) => boolean,
  layouts: string,
  names: readonly [string, string] = ['a', 'b'],
): asserts a is tf.Tensor {
  assertTensor(fn, names[0], a, { dtypes: ['float32'], rank: rankA });
  assertTensor(fn, names[1], b, { dtypes: ['float32'], rank: rankB });
  if (!fits(a.shape, b.shape)) {
    throw new Error(
      `${fn}: shapes [${a.shape.join(',')}] of '${names[0]}' and [${b.shape.join(',')}] of '${names[1]}' do not fit ${layouts}`,
    );
  }
}
