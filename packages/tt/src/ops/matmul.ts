import { arrange, contract, type Labeled, label, squeezeAxes, tidyObject } from '@proj/core/ops';
import * as tf from '@tensorflow/tfjs-core';
import { assertTT } from '../internal/assert.js';
import { broadcastBatchSize } from '../internal/batch.js';
import { BATCH, labeledCore } from '../internal/labeled-core.js';
import { floatInput } from '../internal/tensor-input.js';
import { formatRawShape } from '../shapes.js';
import { TensorTrain } from '../tensor-train.js';
import { TensorTrainBatch } from '../tensor-train-batch.js';

type TT = TensorTrain | TensorTrainBatch;

/**
 * Matrix product with TT-matrices (T3F `matmul`), dispatching on the argument types:
 *
 * - TT × TT (`tt_tt_matmul`): both TT-matrices, A ((m), (n)) and B ((n), (l)) with A's column modes equal to
 *   B's row modes. Core k of the result is Σ_j A_k[a, i, j, a′]·B_k[b, j, l, b′] arranged as
 *   [(a, b), i, l, (a′, b′)] (A's rank index major): raw shape ((m), (l)), TT-ranks rA·rB. One matMul and one
 *   transpose per core. Batches broadcast as in T3F (batch × TT, TT × batch, B × B, 1 × B); a single TT-matrix
 *   times a batch is one plain matMul over the whole batch per core.
 * - TT × dense (`tt_dense_matmul`): full(A)·D for a dense D [Πn, K] without forming A: the cores are swept
 *   left to right, each contracting one column mode and one rank index of the running tensor. Returns
 *   [Πm, K] (a batch of TT-matrices gives [B, Πm, K]).
 * - dense × TT (`dense_tt_matmul`): D·full(B) for a dense D [M, Πm], the same sweep contracting row modes;
 *   returns [M, Πn] (batch: [B, M, Πn]).
 *
 * TT-vectors are TT-matrices with n_k = 1 (columns) or m_k = 1 (rows), so matmul(A, x) is a TT matvec.
 * Differentiable with respect to the cores and the dense operand; representation-invariant.
 *
 * @param a a TT-matrix (single or batch), or a dense matrix (tensor or nested arrays) when `b` is a TT-matrix.
 * @param b a TT-matrix (single or batch), or a dense matrix when `a` is a TT-matrix.
 * @returns a TT-matrix (TT × TT; a batch when either is one) or a dense tensor.
 * Complexity: TT × TT O(d·rA²·rB²·m·n·l); TT × dense O(Σ_k r_{k−1}·r_k·m_k·n_k·K·Π_{j<k} m_j·Π_{j>k} n_j).
 * @throws Error naming `matmul` for TT-tensor arguments, inner modes (or dense sizes) that do not match, batch
 *   sizes that do not broadcast, two dense arguments, or a dense argument that is not a float32 tensor or
 *   rectangular nested arrays of numbers.
 * @example
 * const y = matmul(a, x); // TT matvec: raw shape [[m..], [1..]], ranks rA·rX
 * const dense = matmul(a, tf.ones([6, 4])); // [Πm, 4]
 * @see T3F `t3f.matmul`; Oseledets, "Tensor-Train Decomposition", SIAM J. Sci. Comput. 33(5), 2011, §4.3.
 */
export function matmul(a: TensorTrainBatch, b: TT): TensorTrainBatch;
export function matmul(a: TT, b: TensorTrainBatch): TensorTrainBatch;
export function matmul(a: TensorTrain, b: TensorTrain): TensorTrain;
export function matmul(a: TT, b: TT): TT;
export function matmul(a: TT, b: tf.Tensor | tf.TensorLike): tf.Tensor;
export function matmul(a: tf.Tensor | tf.TensorLike, b: TT): tf.Tensor;
export function matmul(a: TT | tf.Tensor | tf.TensorLike, b: TT | tf.Tensor | tf.TensorLike): TT | tf.Tensor {
  const [aIsTT, bIsTT] = [isTT(a), isTT(b)];
  if (aIsTT && bIsTT) return ttTTMatmul(a as TT, b as TT);
  if (aIsTT) return denseSweep(a as TT, b as tf.Tensor | tf.TensorLike, 'right');
  if (bIsTT) return denseSweep(b as TT, a as tf.Tensor | tf.TensorLike, 'left');
  throw new Error(
    `matmul: at least one argument must be a TensorTrain or TensorTrainBatch, got ${describeArgument(a)} and ${describeArgument(b)}`,
  );
}

function isTT(x: unknown): boolean {
  return x instanceof TensorTrain || x instanceof TensorTrainBatch;
}

function describeArgument(x: unknown): string {
  if (x instanceof tf.Tensor) return `a tensor of shape [${x.shape.join(',')}]`;
  return Array.isArray(x) ? 'an array' : typeof x;
}

function assertMatrix(tt: TT, arg: string): void {
  if (!tt.isMatrix) {
    throw new Error(
      `matmul: argument '${arg}' must be a TT-matrix, got a TT-tensor of shape ${formatRawShape(tt.rawShape)}`,
    );
  }
}

/** TT × TT: core k = Σ_j A_k[a, i, j, a′] B_k[b, j, l, b′] as [(a, b), i, l, (a′, b′)]. */
function ttTTMatmul(a: TT, b: TT): TT {
  assertTT(a, 'matmul', 'a');
  assertTT(b, 'matmul', 'b');
  assertMatrix(a, 'a');
  assertMatrix(b, 'b');
  const [columns, rows] = [a.rawShape[1]!, b.rawShape[0]];
  if (columns.length !== rows.length || columns.some((n, k) => n !== rows[k])) {
    throw new Error(
      `matmul: the column modes [${columns.join(',')}] of 'a' do not match the row modes [${rows.join(',')}] of 'b' (raw shapes ${formatRawShape(a.rawShape)} and ${formatRawShape(b.rawShape)})`,
    );
  }
  const batchSize = broadcastBatchSize(a, b, 'matmul');
  return tidyObject(() => {
    const cores = a.cores.map((_, k) => {
      const [coreA, coreB] = [labeledCore(a, k, 'a', ['i', 'j'], 'a+'), labeledCore(b, k, 'b', ['j', 'l'], 'b+')];
      const leading = coreA.axes.includes(BATCH) || coreB.axes.includes(BATCH) ? [BATCH] : [];
      const order = [...leading, 'a', 'b', 'i', 'l', 'a+', 'b+'];
      const product = contract(coreA, coreB, { batch: BATCH, next: { order } });
      const shape = [
        a.ranks[k]! * b.ranks[k]!,
        a.rawShape[0][k]!,
        b.rawShape[1]![k]!,
        a.ranks[k + 1]! * b.ranks[k + 1]!,
      ];
      return arrange(product, order, batchSize === undefined ? shape : [batchSize, ...shape]);
    });
    return batchSize === undefined ? new TensorTrain(cores) : new TensorTrainBatch(cores);
  });
}

/**
 * TT × dense (`side` 'right': the dense matrix is on the right) or dense × TT ('left'), sweeping the cores left
 * to right: the running tensor starts as the dense matrix with its TT-side axis split into modes, and core k
 * sums over its mode k and the rank index left by core k − 1.
 */
function denseSweep(tt: TT, denseLike: tf.Tensor | tf.TensorLike, side: 'left' | 'right'): tf.Tensor {
  const [ttArg, denseArg] = side === 'right' ? ['a', 'b'] : ['b', 'a'];
  assertTT(tt, 'matmul', ttArg);
  assertMatrix(tt, ttArg);
  if (denseLike instanceof tf.Tensor && denseLike.isDisposed) {
    throw new Error(`matmul: argument '${denseArg}' is a disposed tensor`);
  }
  const d = tt.ndims;
  const [m, n] = tt.rawShape as readonly [readonly number[], readonly number[]];
  const [inner, outer] = side === 'right' ? [n, m] : [m, n];
  const [innerLabel, outerLabel] = side === 'right' ? ['j', 'i'] : ['i', 'j'];
  const innerSize = inner.reduce((x, y) => x * y, 1);
  return tf.tidy(() => {
    const dense =
      denseLike instanceof tf.Tensor && denseLike.dtype !== 'float32'
        ? denseLike
        : floatInput(denseLike, 'matmul', denseArg);
    const expected = side === 'right' ? `[${innerSize}, K]` : `[M, ${innerSize}]`;
    const innerAxis = side === 'right' ? 0 : 1;
    if (dense.rank !== 2 || dense.shape[innerAxis] !== innerSize || dense.dtype !== 'float32') {
      throw new Error(
        `matmul: argument '${denseArg}' must be a float32 dense matrix of shape ${expected} to match the ${side === 'right' ? 'columns' : 'rows'} of '${ttArg}' (raw shape ${formatRawShape(tt.rawShape)}), got ${dense.dtype} [${dense.shape.join(',')}]`,
      );
    }
    const other = dense.shape[1 - innerAxis]!;
    const modeLabels = inner.map((_, k) => `${innerLabel}${k}`);
    const split = side === 'right' ? [...inner, other] : [other, ...inner];
    let data: Labeled = label(dense, side === 'right' ? [...modeLabels, 'K'] : ['M', ...modeLabels], split);
    const outLabels = outer.map((_, k) => `${outerLabel}${k}`);
    const leading = tt instanceof TensorTrainBatch && tt.batchSize > 1 ? [BATCH] : [];
    const order = side === 'right' ? [...leading, ...outLabels, 'K'] : [...leading, 'M', ...outLabels];
    for (let k = 0; k < d; k++) {
      let core = labeledCore(tt, k, `r${k}`, [`i${k}`, `j${k}`], `r${k + 1}`);
      if (k === 0) core = squeezeAxes(core, ['r0']);
      if (k === d - 1) core = squeezeAxes(core, [`r${d}`]);
      const next =
        k === d - 1
          ? { order }
          : { summed: [`r${k + 1}`, `${innerLabel}${k + 1}`], ...(leading.length > 0 ? { batch: BATCH } : {}) };
      data = contract(data, core, { batch: BATCH, next });
    }
    const outerSize = outer.reduce((x, y) => x * y, 1);
    const shape = side === 'right' ? [outerSize, other] : [other, outerSize];
    const batch = tt instanceof TensorTrainBatch ? [tt.batchSize] : [];
    return arrange(data, order, [...batch, ...shape]);
  });
}
