import { matMul2d } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { gatherRows } from './rows.js';

/** Flat indices b·H·W + y·W + x of the set cells of a host mask [B, H, W] (row-major). O(B·H·W). */
export function maskIndices(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]! === 0 ? 0 : 1;
  const indices = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]! !== 0) indices[k++] = i;
  return indices;
}

/**
 * Row indices of the 3×3 patches of the positions `indices` (b·H·W + y·W + x) in a table of rows: tap (i, j)
 * of position (b, y, x) reads `rowOf(b, y + i − 1, x + j − 1)`, or `outside` when that pixel is off the image
 * (the zero padding of a 'same' convolution). O(9·P) on the host.
 */
export function patchRows(
  indices: Int32Array,
  [h, w]: readonly [number, number],
  rowOf: (b: number, y: number, x: number) => number,
  outside: number,
): Int32Array {
  const rows = new Int32Array(indices.length * 9);
  indices.forEach((index, p) => {
    const b = Math.floor(index / (h * w));
    const within = index - b * h * w;
    const [y, x] = [Math.floor(within / w), within % w];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const [yy, xx] = [y + i - 1, x + j - 1];
        rows[p * 9 + i * 3 + j] = yy < 0 || yy >= h || xx < 0 || xx >= w ? outside : rowOf(b, yy, xx);
      }
    }
  });
  return rows;
}

/**
 * A 3×3 'same' convolution evaluated at P positions from a table of input rows [R, Cin] (one row per input
 * pixel, plus a zero row for the padding): gather the P·9 patch rows (`rows` from {@link patchRows}), then one
 * GEMM (core's `matMul2d`, whose gradients avoid slow transposed products) with the filter [3, 3, Cin, Cout] → [P, Cout]. Differentiable in the table and the filter.
 * 2·P·9·Cin·Cout flops, P·9 gathered rows.
 */
export function conv3x3FromRows(table: tf.Tensor, rows: Int32Array, filter: tf.Tensor): tf.Tensor {
  const [, , cin, cout] = filter.shape as [number, number, number, number];
  return tf.tidy(() => {
    const patches = tf.reshape(gatherRows(table, rows), [rows.length / 9, 9 * cin]);
    return matMul2d(patches, tf.reshape(filter, [9 * cin, cout]));
  });
}
