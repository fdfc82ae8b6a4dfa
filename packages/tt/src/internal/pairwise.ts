import { arrange } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { formatRawShape, sameRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';
import { assertTT } from './assert.js';
import { type SweepOperand, sweepCores } from './sweep.js';
import { sameModes, vectorModes } from './vector-modes.js';

/**
 * The [B1, B2] matrix of ⟨a_i, b_j⟩ (or a_iᵀ·M·b_j with a TT-matrix M) for `pairwiseFlatInner` and
 * `gramMatrix` (`fn` names the caller in errors): one sweep over the cores with a running
 * [B1, B2, r_a, (r_M,) r_b] tensor, each core contraction one matMul batched over the batch it belongs to.
 * When that tensor would exceed {@link TILE_BUDGET} elements the result is computed in tiles of rows and
 * columns (one sweep each), which bounds memory instead of aborting the wasm backend.
 */
export function pairwiseInner(
  fn: string,
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
  matrix: TensorTrain | undefined,
): tf.Tensor {
  assertTT(a, fn, 'a');
  assertTT(b, fn, 'b');
  if (matrix === undefined) {
    if (!sameRawShape(a.rawShape, b.rawShape)) {
      throw new Error(
        `${fn}: arguments must have the same raw shape, got ${formatRawShape(a.rawShape)} and ${formatRawShape(b.rawShape)}`,
      );
    }
  } else {
    assertTT(matrix, fn, 'matrix');
    if (!(matrix instanceof TensorTrain) || !matrix.isMatrix) {
      throw new Error(
        `${fn}: argument 'matrix' must be a single TT-matrix, got ${matrix instanceof TensorTrain ? `a TT-tensor of shape ${formatRawShape(matrix.rawShape)}` : 'a TensorTrainBatch'}`,
      );
    }
    const [rows, columns] = matrix.rawShape as readonly [readonly number[], readonly number[]];
    for (const [arg, tt, modes, part] of [
      ['a', a, rows, 'row'],
      ['b', b, columns, 'column'],
    ] as const) {
      const vector = vectorModes(tt, fn, arg);
      if (!sameModes(vector, modes)) {
        throw new Error(
          `${fn}: the modes [${vector.join(',')}] of '${arg}' do not match the ${part} modes [${modes.join(',')}] of 'matrix' (raw shape ${formatRawShape(matrix.rawShape)})`,
        );
      }
    }
  }
  const sizeOf = (tt: TensorTrain | TensorTrainBatch) => (tt instanceof TensorTrainBatch ? tt.batchSize : 1);
  const [rows, columns] = tileSizes(a, b, matrix);
  return tf.tidy(() => {
    const tiles: tf.Tensor[][] = [];
    for (let i = 0; i < sizeOf(a); i += rows) {
      tiles.push([]);
      for (let j = 0; j < sizeOf(b); j += columns) {
        const [left, right] = [slice(a, i, rows), slice(b, j, columns)];
        tiles[tiles.length - 1]!.push(tf.tidy(() => pairwiseTile(left, right, matrix, sizeOf)));
      }
    }
    const blockRows = tiles.map((row) => (row.length === 1 ? row[0]! : tf.concat(row, 1)));
    return blockRows.length === 1 ? blockRows[0]! : tf.concat(blockRows, 0);
  });
}

/** Elements of the largest running tensor the sweep may hold, per pair of elements (an upper bound). */
function pairSize(a: TensorTrain | TensorTrainBatch, b: TensorTrain | TensorTrainBatch, matrix?: TensorTrain): number {
  const peak = (ranks: readonly number[], k: number) => Math.max(ranks[k]!, ranks[k + 1]!);
  return Math.max(
    ...a.cores.map((_, k) => {
      const modes = Math.max(
        ...[a, b, ...(matrix ? [matrix] : [])].flatMap((tt) => tt.rawShape.map((part) => part[k]!)),
      );
      return peak(a.ranks, k) * peak(b.ranks, k) * (matrix ? peak(matrix.ranks, k) : 1) * modes;
    }),
  );
}

/** Intermediates above this many elements are split into tiles (wasm has a 4 GB heap, and an overflow aborts it). */
const TILE_BUDGET = 2 ** 24;

/**
 * Rows and columns of the result computed per sweep: all of it unless the running tensor would exceed
 * {@link TILE_BUDGET} elements, then tiles halved (the larger side first) until it fits.
 */
function tileSizes(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
  matrix: TensorTrain | undefined,
): [number, number] {
  const perPair = pairSize(a, b, matrix);
  let rows = a instanceof TensorTrainBatch ? a.batchSize : 1;
  let columns = b instanceof TensorTrainBatch ? b.batchSize : 1;
  while (rows * columns * perPair > TILE_BUDGET && rows * columns > 1) {
    if (rows >= columns) rows = Math.ceil(rows / 2);
    else columns = Math.ceil(columns / 2);
  }
  return [rows, columns];
}

/** Elements start..start + count − 1 of a batch (the object itself when that is all of it). */
function slice(tt: TensorTrain | TensorTrainBatch, start: number, count: number): TensorTrain | TensorTrainBatch {
  if (!(tt instanceof TensorTrainBatch) || (start === 0 && count >= tt.batchSize)) return tt;
  const size = Math.min(count, tt.batchSize - start);
  return new TensorTrainBatch(tt.cores.map((core) => tf.slice(core, [start], [size])));
}

/** One tile of the result: [rows of a, rows of b]. */
function pairwiseTile(
  a: TensorTrain | TensorTrainBatch,
  b: TensorTrain | TensorTrainBatch,
  matrix: TensorTrain | undefined,
  sizeOf: (tt: TensorTrain | TensorTrainBatch) => number,
): tf.Tensor {
  const operands: SweepOperand[] =
    matrix === undefined
      ? [
          { tt: a, modes: ['i'], batch: 'p' },
          { tt: b, modes: ['i'], batch: 'q' },
        ]
      : [
          { tt: a, modes: ['i'], batch: 'p' },
          { tt: matrix, modes: ['i', 'j'] },
          { tt: b, modes: ['j'], batch: 'q' },
        ];
  const state = sweepCores(operands);
  const batches = ['p', 'q'].filter((axis) => state.axes.includes(axis));
  const order = [...batches, ...state.axes.filter((axis) => !batches.includes(axis))];
  return arrange(state, order, [sizeOf(a), sizeOf(b)]);
}
