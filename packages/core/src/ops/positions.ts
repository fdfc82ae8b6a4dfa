import * as tf from '@tensorflow/tfjs-core';
import { describeValue, MAX_ELEMENTS } from '../validation/assert-args.js';

/** Output positions of a spatial map: flat indices h·W + w, integers in [0, H·W). */
export type Positions = ArrayLike<number>;

/**
 * Checks `positions` against a map of `size` positions and returns them as an Int32Array.
 *
 * @throws Error naming `fn` when a position is not an integer in [0, size) or the list is empty.
 */
export function positionIndices(positions: Positions, size: number, fn: string): Int32Array {
  if (positions === null || typeof positions !== 'object' || typeof positions.length !== 'number') {
    throw new Error(
      `${fn}: argument 'positions' must be an array of flat indices h·W + w, got ${describeValue(positions)}`,
    );
  }
  if (positions.length === 0) throw new Error(`${fn}: argument 'positions' must not be empty`);
  const indices = new Int32Array(positions.length);
  for (let p = 0; p < positions.length; p++) {
    const value = positions[p]!;
    if (!Number.isInteger(value) || value < 0 || value >= size) {
      throw new Error(
        `${fn}: argument 'positions' must hold integers in [0, ${size}) (flat indices h·W + w), got ${value} at ${p}`,
      );
    }
    indices[p] = value;
  }
  return indices;
}

function assertMap(x: tf.Tensor, fn: string, argument: string): void {
  if (!(x instanceof tf.Tensor) || x.isDisposed || x.rank !== 4 || (x.dtype !== 'float32' && x.dtype !== 'int32')) {
    throw new Error(
      `${fn}: argument '${argument}' must be a rank-4 tensor [N, H, W, C], got ${x instanceof tf.Tensor && !x.isDisposed && x.rank !== 4 ? `shape [${x.shape.join(',')}]` : describeValue(x)} (float32 or int32)`,
    );
  }
}

/**
 * The values of a feature map at a list of spatial positions: x [N, H, W, C] → [N, P, C], row p holding
 * x[:, h_p, w_p, :] for `positions[p]` = h_p·W + w_p. One gather of whole rows (axis 0, the batch folded into
 * the index: {@link batchRows}); differentiable (the gradient scatters back and adds, so repeated positions sum). For computing a layer at some positions only (perforated
 * convolutions, spatially adaptive computation): Figurnov et al., NIPS 2016 and CVPR 2017.
 *
 * Complexity: O(N·P·C) (an N·P index built on the host), 3 kernels.
 *
 * @throws Error naming `gatherPositions` and the argument for x that is not a float32 or int32 tensor of rank 4,
 *   or positions that are not integers in [0, H·W).
 */
export function gatherPositions(x: tf.Tensor, positions: Positions): tf.Tensor {
  assertMap(x, 'gatherPositions', 'x');
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const indices = positionIndices(positions, h * w, 'gatherPositions');
  return tf.tidy(() =>
    tf.reshape(tf.gather(tf.reshape(x, [n * h * w, c]), tf.tensor1d(batchRows(n, h * w, indices), 'int32')), [
      n,
      indices.length,
      c,
    ]),
  );
}

/**
 * Row indices into the N·S rows of a batch [N, S, …] flattened to [N·S, …] that pick rows `indices` of
 * every batch element: b·S + indices[p] at b·P + p. Folding the batch into the index makes a per-example
 * gather one gather along axis 0 (copies of whole rows, the fast path of every backend; wasm's gather along
 * axis 1 copies value by value, 50-100x slower). O(N·P).
 */
export function batchRows(n: number, size: number, indices: Int32Array): Int32Array {
  const rows = new Int32Array(n * indices.length);
  for (let b = 0; b < n; b++) {
    const offset = b * size;
    for (let p = 0; p < indices.length; p++) rows[b * indices.length + p] = offset + indices[p]!;
  }
  return rows;
}

/**
 * The inverse of {@link gatherPositions}: values [N, P, C] placed at `positions` of an [N, H, W, C] map
 * (`shape` = [H, W]), zeros elsewhere; a position listed twice keeps its last value. Built as one gather
 * from the values with a zero row appended, through a host-side index map, so it runs and differentiates on
 * every backend (the gradient of each placed value is the map's gradient at its position).
 *
 * Complexity: O(N·H·W·C) (an N·H·W index built on the host), 5 kernels.
 *
 * @throws Error naming `scatterPositions` and the argument for values that are not a float32 or int32 tensor
 *   [N, P, C] with P = positions.length, or a `shape` that is not two positive integers with H·W ≤ 2³¹ − 1.
 */
export function scatterPositions(values: tf.Tensor, positions: Positions, shape: readonly [number, number]): tf.Tensor {
  const fn = 'scatterPositions';
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((s) => Number.isInteger(s) && s > 0)) {
    throw new Error(`${fn}: argument 'shape' must be [H, W] of positive integers, got ${JSON.stringify(shape)}`);
  }
  const [h, w] = shape;
  if (h * w > MAX_ELEMENTS) {
    throw new Error(`${fn}: argument 'shape' [${h},${w}] has more than ${MAX_ELEMENTS} positions`);
  }
  const indices = positionIndices(positions, h * w, fn);
  if (
    !(values instanceof tf.Tensor) ||
    values.isDisposed ||
    (values.dtype !== 'float32' && values.dtype !== 'int32') ||
    values.rank !== 3 ||
    values.shape[1] !== indices.length
  ) {
    throw new Error(
      `${fn}: argument 'values' must be a rank-3 tensor [N, ${indices.length}, C] (one row per position), got ${values instanceof tf.Tensor && !values.isDisposed ? `shape [${values.shape.join(',')}]` : describeValue(values)}`,
    );
  }
  const [n, p, c] = values.shape as [number, number, number];
  const source = new Int32Array(h * w).fill(p);
  indices.forEach((position, row) => {
    source[position] = row;
  });
  return tf.tidy(() => {
    const padded = tf.reshape(tf.concat([values, tf.zeros([n, 1, c], values.dtype)], 1), [n * (p + 1), c]);
    return tf.reshape(tf.gather(padded, tf.tensor1d(batchRows(n, p + 1, source), 'int32')), [n, h, w, c]);
  });
}
