import { gatherMatMul } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { describeValue } from '../internal/describe.js';
import { formatRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import type { TensorTrainBatch } from '../tensor-train-batch.js';

/**
 * Entries of a TT object at integer multi-indices, without forming it (T3F `gather_nd`):
 * out[p] = G_1[:, i_1, :]·G_2[:, i_2, :]⋯G_d[:, i_d, :] for index row p, as a running [P, r] matrix of
 * rows. Per core, one `gatherMatMul` of `@proj/core/ops` multiplies each row by its selected slice (a one-hot
 * product or a gather, whichever the backend does faster). The work is O(P·Σ r²·min(B·n_k, 27)) whatever the
 * size of the tensor.
 *
 * Index layout (each row one entry):
 * - TT-tensor: [P, d] = (i_1..i_d); batch: [P, d + 1] = (b, i_1..i_d), b the batch element.
 * - TT-matrix (beyond T3F, which has NotImplemented): [P, 2d] = (row multi-index i_1..i_d, then column
 *   multi-index j_1..j_d); batch: [P, 2d + 1] with the batch element first.
 *
 * Differentiable with respect to the cores (matMuls, or a scatter-add into the gathered slices);
 * representation-invariant.
 *
 * @param tt TT-tensor or TT-matrix, single or batch.
 * @param indices int32 tensor or nested arrays of integers, shape [P, width] as above.
 * @returns [P] float32.
 * Complexity: O(P·Σ_k r_{k−1}·r_k·min(B·n_k, 27)) plus O(Σ_k r_{k−1}·n_k·r_k) for core transposes.
 * @throws Error for indices of the wrong shape or dtype, non-integers, or an index out of range (naming the
 *   row, the column and the mode).
 * @example
 * const values = gatherND(tt, [[0, 1, 2], [1, 0, 0]]); // [2]: tt[0,1,2], tt[1,0,0]
 * @see T3F `t3f.gather_nd`.
 */
export function gatherND(
  tt: TensorTrain | TensorTrainBatch,
  indices: tf.Tensor | ReadonlyArray<readonly number[]>,
): tf.Tensor {
  const batch = assertTT(tt, 'gatherND', 'tt');
  const rows = readIndices(indices);
  const d = tt.ndims;
  const parts = tt.rawShape;
  const columns = (batch === undefined ? 0 : 1) + parts.length * d;
  const layout = `${batch === undefined ? '' : 'b, '}${parts.length === 1 ? 'i_1..i_d' : 'i_1..i_d, j_1..j_d'}`;
  if (rows.count > 0 && rows.width !== columns) {
    throw new Error(
      `gatherND: argument 'indices' must have shape [P, ${columns}] = (${layout}) for ${batch === undefined ? 'a' : 'a batch of'} ${formatRawShape(tt.rawShape)} ${tt.isMatrix ? 'TT-matrix' : 'TT-tensor'}, got [${rows.count}, ${rows.width}]`,
    );
  }
  const sizes = [...(batch === undefined ? [] : [batch]), ...parts.flat()];
  const what = (c: number) => {
    if (batch !== undefined && c === 0) return 'the batch axis';
    const mode = c - (batch === undefined ? 0 : 1);
    const k = mode % d;
    return tt.isMatrix ? `${mode < d ? 'row' : 'column'} mode ${k}` : `mode ${k}`;
  };
  for (let p = 0; p < rows.count; p++) {
    for (let c = 0; c < columns; c++) {
      const value = rows.values[p * columns + c]!;
      if (!Number.isInteger(value) || value < 0 || value >= sizes[c]!) {
        throw new Error(
          `gatherND: indices[${p}, ${c}] = ${value} is ${Number.isInteger(value) ? 'out of range' : 'not an integer'} for ${what(c)} of size ${sizes[c]}`,
        );
      }
    }
  }
  if (rows.count === 0) return tf.zeros([0]);
  const count = rows.count;
  const elements = batch ?? 1;
  return tf.tidy(() => {
    let result: tf.Tensor | undefined;
    tt.cores.forEach((core, k) => {
      const [r, rNext] = [tt.ranks[k]!, tt.ranks[k + 1]!];
      const n = parts.reduce((size, part) => size * part[k]!, 1);
      // Row p of the core's slices [(element, mode), ...]: element·n + the mode index (row-major over m_k, n_k).
      const flat = new Int32Array(count);
      for (let p = 0; p < count; p++) {
        const row = p * columns;
        const offset = batch === undefined ? 0 : 1;
        const mode = parts.reduce((linear, part, t) => linear * part[k]! + rows.values[row + offset + t * d + k]!, 0);
        flat[p] = (batch === undefined ? 0 : rows.values[row]!) * n + mode;
      }
      // The core's slices as a table [r, (element, mode), r′].
      const table =
        batch === undefined
          ? tf.reshape(core, [r, n, rNext])
          : tf.reshape(tf.transpose(tf.reshape(core, [elements, r, n, rNext]), [1, 0, 2, 3]), [r, elements * n, rNext]);
      result = gatherMatMul(result, table, flat);
    });
    return tf.reshape(result!, [count]);
  });
}

/** Index rows read to the host: P rows of `width` numbers. */
function readIndices(indices: tf.Tensor | ReadonlyArray<readonly number[]>): {
  count: number;
  width: number;
  values: ArrayLike<number>;
} {
  if (indices instanceof tf.Tensor) {
    if (indices.isDisposed) throw new Error("gatherND: argument 'indices' is a disposed tensor");
    if (indices.rank !== 2 || indices.dtype !== 'int32') {
      throw new Error(
        `gatherND: argument 'indices' must be an int32 tensor of shape [P, width], got ${indices.dtype} [${indices.shape.join(',')}]`,
      );
    }
    return { count: indices.shape[0]!, width: indices.shape[1]!, values: indices.dataSync() };
  }
  const width = Array.isArray(indices) && Array.isArray(indices[0]) ? indices[0].length : 0;
  if (!Array.isArray(indices) || indices.some((row) => !Array.isArray(row) || row.length !== width)) {
    throw new Error(
      `gatherND: argument 'indices' must be an int32 tensor or an array of equally long rows of integers, got ${describeValue(indices)}`,
    );
  }
  return { count: indices.length, width, values: indices.flat() };
}
