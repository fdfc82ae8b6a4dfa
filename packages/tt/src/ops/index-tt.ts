import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { fromBatchedCores } from '../internal/batch.js';
import { jsonValue } from '../internal/describe.js';
import { normalizeSpec, type Selection, selectAlong } from '../internal/index-spec.js';
import { formatRawShape } from '../shapes.js';
import type { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

/** A range of one axis with Python's slice rules: defaults 0, size and 1; negative bounds count from the end. */
export interface IndexRange {
  readonly start?: number;
  readonly stop?: number;
  /** A positive integer; default 1. */
  readonly step?: number;
}

/**
 * What to take along one axis: an integer (negative counts from the end; the axis is removed), a range
 * (the axis is kept), or null / 'all' (everything).
 */
export type IndexSpec = number | IndexRange | null | 'all';

/** The index of a TT-matrix: one spec per row mode and per column mode, plus the batch spec of a batch. */
export interface MatrixIndex {
  /** For a TensorTrainBatch only; default: the whole batch. */
  readonly batch?: IndexSpec;
  readonly rows: readonly IndexSpec[];
  readonly columns: readonly IndexSpec[];
}

/**
 * Indexes or slices a TT object without forming it (T3F `TensorTrain.__getitem__`,
 * `TensorTrainBatch.__getitem__`; TT-matrix indexing is our addition, T3F raises NotImplementedError).
 *
 * TT-tensor: `index` has one spec per mode (d of them), preceded by the batch spec for a batch (d + 1).
 * Each core is sliced along its mode axis. A mode indexed by an integer disappears: its slice G_k[:, i, :]
 * (an r_{k−1} × r_k matrix) is multiplied into the next kept core, or into the previous one after the last
 * kept core, exactly as T3F does, so the ranks stay consistent. Indexing every mode gives the entry as a
 * scalar tensor ([B] for a batch).
 *
 * TT-matrix: `index` is `{rows, columns}` with one spec per row mode and per column mode (and `batch` for a
 * batch). A mode whose row and column specs are both integers disappears as above; an integer on one side
 * only keeps the mode with size 1 on that side, so `{rows: [i_1..i_d], columns: ['all', ...]}` is row i of
 * the matrix as a TT row vector (raw shape [1..1]x[n_1..n_d]).
 *
 * Batch spec: an integer gives a single TensorTrain (or scalar), a range a TensorTrainBatch.
 *
 * Differentiable with respect to the cores (slices, gathers and matMuls only). The result's cores are new
 * tensors.
 *
 * @param tt a TensorTrain or TensorTrainBatch.
 * @param index `IndexSpec[]` for TT-tensors, {@link MatrixIndex} for TT-matrices.
 * @returns a TensorTrain, a TensorTrainBatch, or a tensor ([] or [B]) when every mode is indexed by integers.
 * Complexity: O(d) op calls; each integer mode costs one (batched) matMul of O(B·r²·n·r′) flops.
 * @throws Error naming `indexTT` for an index of the wrong form or length, a malformed spec, an integer out of
 *   range, an empty range, an unknown key (in `{batch, rows, columns}` or a range `{start, stop, step}`), or a
 *   tt that is not a live TT object.
 * @example
 * const sub = indexTT(tt, [1, { start: 0, stop: 2 }, 'all']); // modes 2 and 3 remain
 * const entry = indexTT(tt, [1, 0, 3]); // a scalar tensor
 * const row = indexTT(ttMatrix, { rows: [0, 1], columns: ['all', 'all'] }); // a TT row vector
 * @see T3F `t3f.TensorTrain.__getitem__`.
 * @category Indexing
 */
export function indexTT(tt: TensorTrain, index: readonly IndexSpec[] | MatrixIndex): TensorTrain | tf.Tensor;
export function indexTT(
  tt: TensorTrain | TensorTrainBatch,
  index: readonly IndexSpec[] | MatrixIndex,
): TensorTrain | TensorTrainBatch | tf.Tensor;
export function indexTT(
  tt: TensorTrain | TensorTrainBatch,
  index: readonly IndexSpec[] | MatrixIndex,
): TensorTrain | TensorTrainBatch | tf.Tensor {
  const fn = 'indexTT';
  const batchSize = assertTT(tt, fn, 'tt');
  const { batch, modes } = parseIndex(tt, index, batchSize);
  const result = tf.tidy(() => slice(tt, batch, modes) as unknown as tf.TensorContainer);
  return result as unknown as TensorTrain | TensorTrainBatch | tf.Tensor;
}

/** The work of {@link indexTT} on validated selections (runs inside its tidy). */
function slice(
  tt: TensorTrain | TensorTrainBatch,
  batch: Selection | undefined,
  modes: readonly Selection[][],
): TensorTrain | TensorTrainBatch | tf.Tensor {
  const batched = tt instanceof TensorTrainBatch;
  let cores = tt.cores.map((core) => (batched ? core : tf.expandDims(core, 0)));
  if (batch !== undefined) cores = cores.map((core) => selectAlong(core, 0, batch));
  const single = !batched || batch?.kind === 'index';
  const b = cores[0]!.shape[0]!;
  const kept: tf.Tensor[] = [];
  let remainder: tf.Tensor | undefined;
  cores.forEach((core, k) => {
    const selections = modes[k]!;
    const sliced = selections.reduce((c, selection, axis) => selectAlong(c, 2 + axis, selection), core);
    const [r, rNext] = [sliced.shape[1]!, sliced.shape[sliced.rank - 1]!];
    if (selections.every((selection) => selection.kind === 'index')) {
      const matrix = tf.reshape(sliced, [b, r, rNext]);
      remainder = remainder === undefined ? matrix : tf.matMul(remainder, matrix);
      return;
    }
    if (remainder === undefined) {
      kept.push(sliced);
      return;
    }
    const absorbed = tf.matMul(remainder, tf.reshape(sliced, [b, r, -1]));
    kept.push(tf.reshape(absorbed, [b, remainder.shape[1]!, ...sliced.shape.slice(2)]));
    remainder = undefined;
  });
  if (kept.length === 0) return tf.reshape(remainder!, single ? [] : [b]);
  if (remainder !== undefined) {
    const last = kept.pop()!;
    const r = last.shape[last.rank - 1]!;
    const absorbed = tf.matMul(tf.reshape(last, [b, -1, r]), remainder);
    kept.push(tf.reshape(absorbed, [...last.shape.slice(0, -1), 1]));
  }
  const fresh = kept.map((core) => (tt.cores.includes(core) ? tf.clone(core) : core));
  return fromBatchedCores(fresh, single ? undefined : b);
}

/** Validates `index` against `tt` and normalizes it: the batch selection and, per mode, one per mode axis. */
function parseIndex(
  tt: TensorTrain | TensorTrainBatch,
  index: unknown,
  batchSize: number | undefined,
): { batch: Selection | undefined; modes: Selection[][] } {
  const fn = 'indexTT';
  const d = tt.ndims;
  const shape = formatRawShape(tt.rawShape);
  const batchSelection = (spec: unknown) =>
    batchSize === undefined ? undefined : normalizeSpec(spec, batchSize, fn, 'the batch axis');
  if (!tt.isMatrix) {
    const expected = batchSize === undefined ? d : d + 1;
    if (!Array.isArray(index) || index.length !== expected) {
      const what =
        batchSize === undefined
          ? `${d} specs (one per mode) for a TensorTrain of shape ${shape}`
          : `d + 1 = ${d + 1} specs (the batch, then one per mode) for a TensorTrainBatch of shape ${shape}`;
      throw new Error(`${fn}: argument 'index' must have ${what}, got ${describeIndex(index)}`);
    }
    const specs = batchSize === undefined ? index : index.slice(1);
    return {
      batch: batchSelection(index[0]),
      modes: specs.map((spec, k) => [normalizeSpec(spec, tt.rawShape[0][k]!, fn, `mode ${k}`)]),
    };
  }
  const matrixIndex = index as Partial<MatrixIndex> | null;
  if (
    matrixIndex === null ||
    typeof matrixIndex !== 'object' ||
    Array.isArray(matrixIndex) ||
    !Array.isArray(matrixIndex.rows) ||
    !Array.isArray(matrixIndex.columns) ||
    matrixIndex.rows.length !== d ||
    matrixIndex.columns.length !== d
  ) {
    throw new Error(
      `${fn}: argument 'index' of a TT-matrix of shape ${shape} must be {rows, columns} with ${d} specs each, got ${describeIndex(index)}`,
    );
  }
  const unknown = Object.keys(matrixIndex).find((key) => !['batch', 'rows', 'columns'].includes(key));
  if (unknown !== undefined) {
    throw new Error(`${fn}: argument 'index' has an unknown key '${unknown}'; valid keys: batch, rows, columns`);
  }
  if (batchSize === undefined && matrixIndex.batch !== undefined) {
    throw new Error(`${fn}: argument 'index' has a batch spec, but 'tt' is a single TensorTrain`);
  }
  const [m, n] = tt.rawShape as readonly [readonly number[], readonly number[]];
  return {
    batch: batchSelection(matrixIndex.batch),
    modes: m.map((mk, k) => [
      normalizeSpec(matrixIndex.rows![k], mk, fn, `row mode ${k}`),
      normalizeSpec(matrixIndex.columns![k], n[k]!, fn, `column mode ${k}`),
    ]),
  };
}

function describeIndex(index: unknown): string {
  if (Array.isArray(index)) return `${index.length} specs ${jsonValue(index)}`;
  return index === undefined ? 'undefined' : jsonValue(index);
}
